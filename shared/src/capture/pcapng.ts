/**
 * A pcapng writer (draft-ietf-opsawg-pcapng): Section Header, Interface Description, Enhanced Packet
 * (with opt_comment) and Decryption Secrets blocks, little-endian.
 * @module
 */
import { ArgumentError, abytes, aint, concatBytes, utf8ToBytes } from '../bytes/bytes.ts';

/** Block types (§4, §10.1). */
export const BLOCK_TYPE = {
  sectionHeader: 0x0a0d0d0a,
  interfaceDescription: 0x00000001,
  enhancedPacket: 0x00000006,
  decryptionSecrets: 0x0000000a,
} as const;

/** Option codes used here (§3.5, §4.1, §4.2). */
const OPTION = { endOfOpt: 0, comment: 1, shbUserAppl: 4, ifName: 2 } as const;

/** Decryption Secrets Block secrets type for an NSS key log (§4.7): "TLSK". */
export const SECRETS_TYPE_TLS_KEY_LOG = 0x544c534b;

/** LINKTYPE_RAW: each packet starts with its IPv4 header (tcpdump.org link types). */
export const LINKTYPE_RAW = 101;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/** A u32 little-endian, as every pcapng field is in a section written on a little-endian host. */
function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}

function u16(value: number): Uint8Array {
  const out = new Uint8Array(2);
  new DataView(out.buffer).setUint16(0, value, true);
  return out;
}

/** Options (§3.5): code, length, value padded to 32 bits; ended by opt_endofopt. None: no bytes at all. */
function options(list: readonly [number, Uint8Array][]): Uint8Array {
  if (list.length === 0) return new Uint8Array(0);
  const parts = list.flatMap(([code, value]) => [
    u16(code),
    u16(value.length),
    value,
    new Uint8Array(pad4(value.length)),
  ]);
  return concatBytes(...parts, u16(OPTION.endOfOpt), u16(0));
}

/** A block (§3.1): type, total length, body padded to 32 bits, total length again. */
function block(type: number, ...body: Uint8Array[]): Uint8Array {
  const content = concatBytes(...body);
  const padded = concatBytes(content, new Uint8Array(pad4(content.length)));
  const total = 12 + padded.length;
  return concatBytes(u32(type), u32(total), padded, u32(total));
}

/** §4.1: opens a section of unknown length, naming the program that wrote it. */
export function sectionHeaderBlock(userApplication: string): Uint8Array {
  const unknownLength = new Uint8Array(8).fill(0xff);
  return block(
    BLOCK_TYPE.sectionHeader,
    u32(BYTE_ORDER_MAGIC),
    u16(1),
    u16(0),
    unknownLength,
    options([[OPTION.shbUserAppl, utf8ToBytes(userApplication)]]),
  );
}

/** §4.2: one capture interface; timestamps keep the default resolution (microseconds). */
export function interfaceDescriptionBlock(linkType: number, name: string, snapLength = 0): Uint8Array {
  aint(linkType, 0, 0xffff, 'linkType');
  return block(
    BLOCK_TYPE.interfaceDescription,
    u16(linkType),
    u16(0),
    u32(snapLength),
    options([[OPTION.ifName, utf8ToBytes(name)]]),
  );
}

/** §4.7: secrets a reader applies to the packets after it; here an NSS key log (SSLKEYLOGFILE text). */
export function decryptionSecretsBlock(secretsType: number, secrets: Uint8Array): Uint8Array {
  abytes(secrets, undefined, 'secrets');
  return block(BLOCK_TYPE.decryptionSecrets, u32(secretsType), u32(secrets.length), secrets);
}

export interface CapturedPacket {
  /** Microseconds since 1970-01-01 UTC. */
  timestampMicros: number;
  data: Uint8Array;
  /** Shown by Wireshark as a packet comment (frame.comment). */
  comment?: string;
}

/** §4.3: one packet on interface 0, captured whole, with its comment if any. */
export function enhancedPacketBlock(packet: CapturedPacket, interfaceId = 0): Uint8Array {
  abytes(packet.data, undefined, 'packet.data');
  if (!Number.isSafeInteger(packet.timestampMicros) || packet.timestampMicros < 0)
    throw new ArgumentError('packet.timestampMicros: expected a non-negative safe integer');
  const high = Math.floor(packet.timestampMicros / 2 ** 32);
  const low = packet.timestampMicros % 2 ** 32;
  return block(
    BLOCK_TYPE.enhancedPacket,
    u32(interfaceId),
    u32(high),
    u32(low),
    u32(packet.data.length),
    u32(packet.data.length),
    packet.data,
    new Uint8Array(pad4(packet.data.length)),
    options(packet.comment ? [[OPTION.comment, utf8ToBytes(packet.comment)]] : []),
  );
}
