import { describe, expect, it } from 'vitest';
import { utf8Decode, utf8ToBytes } from '../bytes/bytes.ts';
import {
  BLOCK_TYPE,
  decryptionSecretsBlock,
  enhancedPacketBlock,
  interfaceDescriptionBlock,
  LINKTYPE_RAW,
  SECRETS_TYPE_TLS_KEY_LOG,
  sectionHeaderBlock,
} from './pcapng.ts';
import { internetChecksum, ipv4TcpPacket, TcpConversation } from './tcpip.ts';

/** Walks a pcapng byte string block by block: each block's type, and its length checked at both ends. */
function blocks(bytes: Uint8Array): { type: number; body: Uint8Array }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { type: number; body: Uint8Array }[] = [];
  for (let at = 0; at < bytes.length; ) {
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    expect(length % 4).toBe(0);
    expect(view.getUint32(at + length - 4, true)).toBe(length);
    out.push({ type, body: bytes.slice(at + 8, at + length - 4) });
    at += length;
  }
  return out;
}

describe('pcapng blocks (draft-ietf-opsawg-pcapng)', () => {
  it('a section header carries the byte-order magic, version 1.0 and an unknown section length', () => {
    const [shb] = blocks(sectionHeaderBlock('test'));
    expect(shb!.type).toBe(BLOCK_TYPE.sectionHeader);
    expect([...shb!.body.slice(0, 4)]).toEqual([0x4d, 0x3c, 0x2b, 0x1a]);
    expect([...shb!.body.slice(4, 8)]).toEqual([1, 0, 0, 0]);
    expect([...shb!.body.slice(8, 16)]).toEqual(new Array(8).fill(0xff));
  });

  it('an interface description names the raw-IP link type', () => {
    const [idb] = blocks(interfaceDescriptionBlock(LINKTYPE_RAW, 'wire'));
    expect(idb!.type).toBe(BLOCK_TYPE.interfaceDescription);
    expect(new DataView(idb!.body.buffer).getUint16(0, true)).toBe(101);
  });

  it('a decryption secrets block holds the key log as TLSK text, padded to 32 bits', () => {
    const keyLog = 'CLIENT_RANDOM 00 11\n';
    const [dsb] = blocks(decryptionSecretsBlock(SECRETS_TYPE_TLS_KEY_LOG, utf8ToBytes(keyLog)));
    const view = new DataView(dsb!.body.buffer);
    expect(dsb!.type).toBe(BLOCK_TYPE.decryptionSecrets);
    expect(view.getUint32(0, true)).toBe(0x544c534b);
    expect(view.getUint32(4, true)).toBe(keyLog.length);
    expect(utf8Decode(dsb!.body.slice(8, 8 + keyLog.length))).toBe(keyLog);
  });

  it('an enhanced packet splits its microsecond timestamp in two words and ends with its comment', () => {
    const data = Uint8Array.of(1, 2, 3, 4, 5);
    const ts = 1_772_442_000_123_456;
    const [epb] = blocks(enhancedPacketBlock({ timestampMicros: ts, data, comment: 'flipped' }));
    const view = new DataView(epb!.body.buffer);
    expect(view.getUint32(4, true) * 2 ** 32 + view.getUint32(8, true)).toBe(ts);
    expect(view.getUint32(12, true)).toBe(5);
    expect([...epb!.body.slice(20, 25)]).toEqual([1, 2, 3, 4, 5]);
    // After the data padded to 8 bytes: opt_comment (1), length 7, the text, then opt_endofopt.
    expect(view.getUint16(28, true)).toBe(1);
    expect(view.getUint16(30, true)).toBe(7);
    expect(utf8Decode(epb!.body.slice(32, 39))).toBe('flipped');
    expect([...epb!.body.slice(40, 44)]).toEqual([0, 0, 0, 0]);
  });
});

describe('IPv4 and TCP segments', () => {
  it('the Internet checksum matches RFC 1071 §3’s example', () => {
    // The words 0001 f203 f4f5 f6f7 sum to ddf2 (end-around carry); the checksum is its complement.
    expect(internetChecksum(Uint8Array.of(0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7))).toBe(0x220d);
  });

  it('a packet’s IPv4 header and TCP segment (with its pseudo-header) both check to zero', () => {
    const src = { address: [127, 0, 0, 2] as const, port: 51515 };
    const dst = { address: [127, 0, 0, 3] as const, port: 443 };
    const payload = utf8ToBytes('hello');
    const packet = ipv4TcpPacket({ src, dst, seq: 7, ack: 9, flags: 0x18, payload, identification: 1 });
    expect(internetChecksum(packet.slice(0, 20))).toBe(0);
    const tcpLength = packet.length - 20;
    const pseudo = Uint8Array.of(127, 0, 0, 2, 127, 0, 0, 3, 0, 6, tcpLength >> 8, tcpLength & 0xff);
    expect(internetChecksum(pseudo, packet.slice(20))).toBe(0);
  });

  it('a conversation numbers its bytes from the handshake on: SYN and FIN take one each, data its length', () => {
    const tcp = new TcpConversation(
      { address: [127, 0, 0, 2], port: 1000 },
      { address: [127, 0, 0, 3], port: 443 },
      100,
      500,
    );
    const seqAck = (p: Uint8Array) => {
      const v = new DataView(p.buffer, p.byteOffset + 20);
      return [v.getUint32(4), v.getUint32(8), p[33]];
    };
    expect(tcp.open().map(seqAck)).toEqual([
      [100, 0, 0x02],
      [500, 101, 0x12],
      [101, 501, 0x10],
    ]);
    expect(seqAck(tcp.data('toServer', new Uint8Array(10)))).toEqual([101, 501, 0x18]);
    expect(seqAck(tcp.data('toClient', new Uint8Array(3)))).toEqual([501, 111, 0x18]);
    expect(tcp.close().map(seqAck)).toEqual([
      [111, 504, 0x11],
      [504, 112, 0x11],
      [112, 505, 0x10],
    ]);
  });
});
