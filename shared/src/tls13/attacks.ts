/** What an attacker on the wire can do to TLS 1.3 records: parse, change, re-encode. Effects follow from RFC 8446 §4.1.3, §4.4, §5.2 @module */
import { ArgumentError, abytes, aint } from '../bytes/bytes.ts';
import { ContentType, ExtensionType, HandshakeType, NamedGroup } from './constants.ts';
import { clientKeyShareExtension, type Extension, serverKeyShareExtension } from './extensions.ts';
import { plaintextHandshakeRecords } from './flight.ts';
import { encodeClientHello, encodeServerHello, parseClientHello, parseServerHello } from './messages.ts';
import { parseRecord } from './record.ts';

/** Applies `change` to the one handshake message in a plaintext record and re-frames it with the same record version. */
function rewriteHandshakeRecord(record: Uint8Array, change: (message: Uint8Array) => Uint8Array): Uint8Array {
  abytes(record, undefined, 'record');
  const parsed = parseRecord(record);
  if (parsed.contentType !== ContentType.handshake)
    throw new ArgumentError('record: a plaintext handshake record (ClientHello or ServerHello) is needed');
  const records = plaintextHandshakeRecords(
    change(parsed.fragment),
    parsed.legacyRecordVersion === 0x0301 ? 0x0301 : 0x0303,
  );
  return records[0]!;
}

/**
 * Removes every cipher suite not in `keep` from a ClientHello. The server then picks from what is left, but
 * the ClientHello it hashes differs from the client's, so their handshake keys differ and the client cannot
 * decrypt the server's flight (§4.4.1 transcript, §7.1).
 */
export function stripCipherSuites(clientHelloRecord: Uint8Array, keep: readonly number[]): Uint8Array {
  if (!Array.isArray(keep)) throw new ArgumentError('keep: expected an array of cipher suite numbers');
  return rewriteHandshakeRecord(clientHelloRecord, (message) => {
    const ch = parseClientHello(message);
    const cipherSuites = ch.cipherSuites.filter((s) => keep.includes(s));
    if (cipherSuites.length === 0) throw new ArgumentError('keep: at least one offered suite must remain');
    return encodeClientHello({ ...ch, cipherSuites });
  });
}

/**
 * Removes supported_versions from a ClientHello, so the server sees a TLS 1.2 client. A TLS 1.3-capable server
 * then answers TLS 1.2 with the "DOWNGRD" sentinel in its random, which the client detects (§4.1.3).
 */
export function stripSupportedVersions(clientHelloRecord: Uint8Array): Uint8Array {
  return rewriteHandshakeRecord(clientHelloRecord, (message) => {
    const ch = parseClientHello(message);
    return encodeClientHello({
      ...ch,
      extensions: ch.extensions.filter((e) => e.type !== ExtensionType.supported_versions),
    });
  });
}

/**
 * Replaces the x25519 key share in a ClientHello or ServerHello with `newPublicKey` (e.g. the attacker's). The
 * two ends then compute different shared secrets, so the handshake keys differ (§7.1) and decryption fails.
 */
export function substituteKeyShare(helloRecord: Uint8Array, newPublicKey: Uint8Array): Uint8Array {
  abytes(newPublicKey, 32, 'newPublicKey');
  const replace = (exts: readonly Extension[], make: () => Extension): Extension[] => {
    if (!exts.some((e) => e.type === ExtensionType.key_share))
      throw new ArgumentError('record: the hello has no key_share');
    return exts.map((e) => (e.type === ExtensionType.key_share ? make() : e));
  };
  return rewriteHandshakeRecord(helloRecord, (message) => {
    if (message[0] === HandshakeType.client_hello) {
      const ch = parseClientHello(message);
      const shares = (ch.keyShares ?? []).map((s) =>
        s.group === NamedGroup.x25519 ? { ...s, keyExchange: newPublicKey } : s,
      );
      if (!shares.some((s) => s.group === NamedGroup.x25519))
        throw new ArgumentError('record: no x25519 key share to replace');
      return encodeClientHello({ ...ch, extensions: replace(ch.extensions, () => clientKeyShareExtension(shares)) });
    }
    const sh = parseServerHello(message);
    if (sh.keyShare?.group !== NamedGroup.x25519) throw new ArgumentError('record: no x25519 key share to replace');
    return encodeServerHello({
      ...sh,
      extensions: replace(sh.extensions ?? [], () =>
        serverKeyShareExtension({ group: NamedGroup.x25519, keyExchange: newPublicKey }),
      ),
    });
  });
}

/** Flips every bit of the byte at `index` (default mask 0xff). In a protected record this breaks the AEAD tag (§5.2). */
export function flipByte(record: Uint8Array, index: number, mask = 0xff): Uint8Array {
  abytes(record, undefined, 'record');
  aint(index, 0, record.length - 1, 'index');
  aint(mask, 1, 0xff, 'mask');
  const out = record.slice();
  out[index]! ^= mask;
  return out;
}
