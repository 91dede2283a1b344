/**
 * Synthesized IPv4 (RFC 791) and TCP (RFC 9293) segments, checksums included (RFC 1071), and a TCP
 * connection's sequence and acknowledgement numbers from its three-way handshake on.
 * @module
 */
import { aint, concatBytes } from '../bytes/bytes.ts';

export interface Endpoint {
  /** Four octets, e.g. [127, 0, 0, 2]. */
  address: readonly [number, number, number, number];
  port: number;
}

/** TCP header flags (RFC 9293 §3.1). */
export const TCP_FLAGS = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

const PROTOCOL_TCP = 6;
const IPV4_HEADER_LENGTH = 20;
const TCP_HEADER_LENGTH = 20;
const TTL = 64;
const DONT_FRAGMENT = 0x4000;
const WINDOW = 65535;

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
export function internetChecksum(...parts: Uint8Array[]): number {
  const bytes = concatBytes(...parts);
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i]! << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipv4Header(src: Endpoint, dst: Endpoint, payloadLength: number, identification: number): Uint8Array {
  const header = new Uint8Array(IPV4_HEADER_LENGTH);
  const view = new DataView(header.buffer);
  header[0] = 0x45; // version 4, header length 5 words
  view.setUint16(2, IPV4_HEADER_LENGTH + payloadLength);
  view.setUint16(4, identification & 0xffff);
  view.setUint16(6, DONT_FRAGMENT);
  header[8] = TTL;
  header[9] = PROTOCOL_TCP;
  header.set(src.address, 12);
  header.set(dst.address, 16);
  view.setUint16(10, internetChecksum(header));
  return header;
}

export interface SegmentFields {
  src: Endpoint;
  dst: Endpoint;
  seq: number;
  ack: number;
  flags: number;
  payload: Uint8Array;
  /** The IPv4 identification field. */
  identification: number;
}

/** One IPv4 packet carrying one TCP segment, both checksums computed. */
export function ipv4TcpPacket(fields: SegmentFields): Uint8Array {
  const { src, dst, seq, ack, flags, payload } = fields;
  aint(src.port, 1, 0xffff, 'src.port');
  aint(dst.port, 1, 0xffff, 'dst.port');
  const tcp = new Uint8Array(TCP_HEADER_LENGTH);
  const view = new DataView(tcp.buffer);
  view.setUint16(0, src.port);
  view.setUint16(2, dst.port);
  view.setUint32(4, seq >>> 0);
  view.setUint32(8, ack >>> 0);
  tcp[12] = (TCP_HEADER_LENGTH / 4) << 4;
  tcp[13] = flags;
  view.setUint16(14, WINDOW);
  const length = TCP_HEADER_LENGTH + payload.length;
  // The pseudo-header (RFC 9293 §3.1): source, destination, zero, protocol, TCP length.
  const pseudo = concatBytes(
    Uint8Array.from(src.address),
    Uint8Array.from(dst.address),
    Uint8Array.of(0, PROTOCOL_TCP, length >> 8, length & 0xff),
  );
  view.setUint16(16, internetChecksum(pseudo, tcp, payload));
  return concatBytes(ipv4Header(src, dst, length, fields.identification), tcp, payload);
}

export type Direction = 'toServer' | 'toClient';

/** One TCP connection as a capture sees it: each side's next sequence number and the packets so far. */
export class TcpConversation {
  readonly #client: Endpoint;
  readonly #server: Endpoint;
  #clientNext: number;
  #serverNext: number;
  #identification: number;

  /** Initial sequence numbers are fixed per conversation so a capture is the same every time. */
  constructor(client: Endpoint, server: Endpoint, clientIsn: number, serverIsn: number) {
    this.#client = client;
    this.#server = server;
    this.#clientNext = clientIsn >>> 0;
    this.#serverNext = serverIsn >>> 0;
    this.#identification = clientIsn & 0xffff;
  }

  /** SYN, SYN-ACK, ACK (RFC 9293 §3.5): each SYN takes one sequence number. */
  open(): Uint8Array[] {
    const syn = this.#segment('toServer', TCP_FLAGS.SYN, new Uint8Array(0), 0);
    this.#clientNext = (this.#clientNext + 1) >>> 0;
    const synAck = this.#segment('toClient', TCP_FLAGS.SYN | TCP_FLAGS.ACK, new Uint8Array(0));
    this.#serverNext = (this.#serverNext + 1) >>> 0;
    return [syn, synAck, this.#segment('toServer', TCP_FLAGS.ACK, new Uint8Array(0))];
  }

  /** A data segment (PSH, ACK) acknowledging everything the other side sent so far. */
  data(direction: Direction, payload: Uint8Array): Uint8Array {
    const packet = this.#segment(direction, TCP_FLAGS.PSH | TCP_FLAGS.ACK, payload);
    if (direction === 'toServer') this.#clientNext = (this.#clientNext + payload.length) >>> 0;
    else this.#serverNext = (this.#serverNext + payload.length) >>> 0;
    return packet;
  }

  /** The orderly close (RFC 9293 §3.6): FIN-ACK from the client, FIN-ACK from the server, the last ACK. */
  close(): Uint8Array[] {
    const clientFin = this.#segment('toServer', TCP_FLAGS.FIN | TCP_FLAGS.ACK, new Uint8Array(0));
    this.#clientNext = (this.#clientNext + 1) >>> 0;
    const serverFin = this.#segment('toClient', TCP_FLAGS.FIN | TCP_FLAGS.ACK, new Uint8Array(0));
    this.#serverNext = (this.#serverNext + 1) >>> 0;
    return [clientFin, serverFin, this.#segment('toServer', TCP_FLAGS.ACK, new Uint8Array(0))];
  }

  #segment(direction: Direction, flags: number, payload: Uint8Array, ack?: number): Uint8Array {
    const up = direction === 'toServer';
    return ipv4TcpPacket({
      src: up ? this.#client : this.#server,
      dst: up ? this.#server : this.#client,
      seq: up ? this.#clientNext : this.#serverNext,
      ack: ack ?? (up ? this.#serverNext : this.#clientNext),
      flags,
      payload,
      identification: this.#identification++,
    });
  }
}
