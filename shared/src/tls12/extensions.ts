/** Hello extensions of a TLS 1.2 RSA handshake: server_name, signature_algorithms, renegotiation_info. RFC 5246 §7.4.1.4, RFC 6066 §3, RFC 5746 §3.2 @module */
import { ArgumentError, abytes, aint, bytesToHex, concatBytes, utf8ToBytes } from '../bytes/bytes.ts';
import { encodeUint, encodeVector, WireReader } from './wire.ts';

export interface Extension {
  type: number;
  data: Uint8Array;
}

/** ExtensionType values this module interprets. */
export const EXTENSION_TYPE = { server_name: 0, signature_algorithms: 13, renegotiation_info: 0xff01 } as const;
type ExtensionName = keyof typeof EXTENSION_TYPE;

/** SignatureAndHashAlgorithm {hash, signature} (§7.4.1.4.1), written as the 2-byte code point. */
const SIGNATURE_NAMES: Record<number, string> = {
  1025: 'rsa_pkcs1_sha256',
  1281: 'rsa_pkcs1_sha384',
  513: 'rsa_pkcs1_sha1',
  1027: 'ecdsa_secp256r1_sha256',
  2052: 'rsa_pss_rsae_sha256',
  2055: 'ed25519',
};

const MAX_U16 = 0xffff;

export const extensionName = (type: number): string =>
  (Object.keys(EXTENSION_TYPE) as ExtensionName[]).find((k) => EXTENSION_TYPE[k] === type) ?? `extension ${type}`;

// ---------------------------------------------------------------- server_name (RFC 6066 §3)

const HOST_NAME = 0;
const isHostName = (name: string) => /^[\x21-\x7e]+$/.test(name) && !name.endsWith('.');
const asciiOrHex = (b: Uint8Array) =>
  b.every((c) => c >= 0x20 && c < 0x7f) ? `"${String.fromCharCode(...b)}"` : bytesToHex(b);

/** A ClientHello server_name extension carrying one host_name. */
export function serverNameExtension(hostName: string): Extension {
  if (typeof hostName !== 'string' || !isHostName(hostName))
    throw new ArgumentError('hostName: expected printable ASCII without a trailing dot');
  const entry = concatBytes(encodeUint(HOST_NAME, 1), encodeVector(2, utf8ToBytes(hostName), 1, MAX_U16, 'HostName'));
  return { type: EXTENSION_TYPE.server_name, data: encodeVector(2, entry, 1, MAX_U16, 'server_name_list') };
}

/** ServerNameList: at most one host_name, printable ASCII. */
function readServerNameList(r: WireReader): string {
  const list = r.nested(2, 1, MAX_U16, 'server_name_list');
  let hostName: string | undefined;
  while (list.remaining > 0) {
    const nameType = list.uint(1, 'name_type', (t) => (t === HOST_NAME ? 'host_name (0)' : `unknown name type ${t}`));
    if (nameType !== HOST_NAME) list.fail(`server_name uses name type ${nameType}; only host_name (0) is defined.`);
    const name = list.vector(2, 1, MAX_U16, 'HostName', (b) => `the server's DNS name, ASCII: ${asciiOrHex(b)}`);
    const text = String.fromCharCode(...name);
    if (!isHostName(text)) list.fail('HostName must be printable ASCII without a trailing dot.');
    if (hostName !== undefined) list.fail('server_name lists more than one host_name.');
    hostName = text;
  }
  r.end();
  return hostName!;
}

/** The host_name in a client's server_name extension, if there is one. */
export function serverNameOf(extensions: readonly Extension[]): string | undefined {
  const ext = extensions.find((e) => e.type === EXTENSION_TYPE.server_name);
  return ext === undefined ? undefined : readServerNameList(new WireReader(ext.data, 'server_name'));
}

// ---------------------------------------------------------------- signature_algorithms (§7.4.1.4.1)

/** The signature algorithms the client accepts on the server's certificates (by default RSA-SHA256 and Ed25519). */
export function signatureAlgorithmsExtension(schemes: readonly number[] = [0x0401, 0x0807]): Extension {
  for (const s of schemes) aint(s, 0, MAX_U16, 'signature scheme');
  const list = concatBytes(...schemes.map((s) => encodeUint(s, 2)));
  return {
    type: EXTENSION_TYPE.signature_algorithms,
    data: encodeVector(2, list, 2, 0xfffe, 'supported_signature_algorithms'),
  };
}

function readSignatureAlgorithms(r: WireReader): void {
  const list = r.nested(2, 2, 0xfffe, 'supported_signature_algorithms');
  if (list.remaining % 2 !== 0) list.fail('supported_signature_algorithms has an odd length; each entry is 2 bytes.');
  while (list.remaining > 0)
    list.uint(2, 'SignatureAndHashAlgorithm', (s) => SIGNATURE_NAMES[s] ?? `hash ${s >> 8}, signature ${s & 0xff}`);
  r.end();
}

// ---------------------------------------------------------------- renegotiation_info (RFC 5746 §3.2)

/** renegotiation_info with an empty renegotiated_connection: "this is a first handshake and I know RFC 5746". */
export function renegotiationInfoExtension(): Extension {
  return { type: EXTENSION_TYPE.renegotiation_info, data: Uint8Array.of(0) };
}

function readRenegotiationInfo(r: WireReader): void {
  r.vector(1, 0, 0xff, 'renegotiated_connection', (b) =>
    b.length === 0
      ? 'empty: a first handshake, not a renegotiation (RFC 5746)'
      : 'Finished data of the connection being renegotiated',
  );
  r.end();
}

/** True if the extension is renegotiation_info with an empty renegotiated_connection (RFC 5746 §3.4, §3.6). */
export const isInitialRenegotiationInfo = (e: Extension): boolean =>
  e.type === EXTENSION_TYPE.renegotiation_info && e.data.length === 1 && e.data[0] === 0;

// ---------------------------------------------------------------- the extensions block (§7.4.1.4)

/** The extensions block, omitted entirely when there are none (§7.4.1.2). */
export function encodeExtensions(extensions: readonly Extension[]): Uint8Array {
  if (extensions.length === 0) return new Uint8Array(0);
  if (new Set(extensions.map((e) => e.type)).size !== extensions.length)
    throw new ArgumentError('extensions: each type may appear only once');
  const body = concatBytes(
    ...extensions.map((e) => {
      aint(e.type, 0, MAX_U16, 'extension type');
      abytes(e.data, undefined, 'extension data');
      return concatBytes(encodeUint(e.type, 2), encodeVector(2, e.data, 0, MAX_U16, 'extension_data'));
    }),
  );
  return encodeVector(2, body, 0, MAX_U16, 'extensions');
}

/** Reads the extensions block if present; interprets the known ones strictly, keeps the rest opaque. */
export function readExtensions(r: WireReader, sender: 'client' | 'server'): Extension[] {
  if (r.remaining === 0) return [];
  const list = r.nested(2, 0, MAX_U16, 'extensions');
  const extensions: Extension[] = [];
  while (list.remaining > 0) {
    const type = list.uint(2, 'extension_type', extensionName);
    if (extensions.some((e) => e.type === type))
      list.fail(`the ${extensionName(type)} extension appears twice; each type may appear once (§7.4.1.4).`);
    const body = list.nested(2, 0, MAX_U16, 'extension_data');
    const data = body.contents;
    if (type === EXTENSION_TYPE.server_name) {
      if (sender === 'client') readServerNameList(body);
      else body.end(); // RFC 6066 §3: the server's acknowledgement is empty
    } else if (type === EXTENSION_TYPE.signature_algorithms) {
      if (sender === 'server') list.fail('a server must not send signature_algorithms (§7.4.1.4.1).');
      readSignatureAlgorithms(body);
    } else if (type === EXTENSION_TYPE.renegotiation_info) {
      readRenegotiationInfo(body);
    } else if (data.length > 0) {
      body.bytes(data.length, 'extension_data', 'contents of an extension this game does not interpret');
    }
    extensions.push({ type, data });
  }
  return extensions;
}
