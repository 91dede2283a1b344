/** TLS 1.3 extensions: generic list, strict decoders for the ones the game uses, and their encoders. RFC 8446 §4.2, RFC 6066 §3 @module */
import { ArgumentError, bytesToHex, concatBytes } from '../bytes/bytes.ts';
import { ExtensionType, extensionName, groupName, NamedGroup, signatureSchemeName, versionName } from './constants.ts';
import { TlsError } from './errors.ts';
import { encodeUint, encodeUint16List, encodeVector, WireReader } from './wire.ts';

/** One Extension (§4.2): type and opaque extension_data. Unknown types are kept as they are. */
export interface Extension {
  type: number;
  data: Uint8Array;
}

/** KeyShareEntry (§4.2.8). */
export interface KeyShareEntry {
  group: number;
  keyExchange: Uint8Array;
}

/** Which message an extension block belongs to: some extensions have a different body per message (§4.2). */
export type ExtensionContext =
  | 'client_hello'
  | 'server_hello'
  | 'hello_retry_request'
  | 'encrypted_extensions'
  | 'certificate'
  | 'new_session_ticket';

const short = (bytes: Uint8Array): string =>
  bytes.length <= 16 ? bytesToHex(bytes) : `${bytesToHex(bytes.subarray(0, 8))}…${bytesToHex(bytes.subarray(-4))}`;

/** RFC 6066 §3 / RFC 1123 host name: letters, digits, hyphens, dots; no trailing dot. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

// ——— decoders: each reads one extension_data body through a WireReader (recording fields) ———

/** ServerNameList (RFC 6066 §3) → the host_name, or '' for the empty ack a server sends. */
function readServerName(r: WireReader, ctx: ExtensionContext): string {
  if (ctx !== 'client_hello') return '';
  const list = r.nested(2, 1, 0xffff, 'server_name_list');
  let hostName: string | undefined;
  const seen = new Set<number>();
  while (list.remaining > 0) {
    const nameType = list.uint(1, 'name_type', (t) => (t === 0 ? 'host_name (0)' : `unknown name type (${t})`));
    if (seen.has(nameType)) r.fail(`server_name lists name type ${nameType} twice.`);
    seen.add(nameType);
    const name = list.vector(2, 1, 0xffff, 'HostName', (b) => `"${String.fromCharCode(...b)}"`);
    if (nameType === 0) {
      if (!name.every((b) => b > 0x20 && b < 0x7f)) r.fail('server_name host_name is not printable ASCII.');
      hostName = String.fromCharCode(...name);
    }
  }
  return hostName ?? '';
}

function readGroups(r: WireReader): number[] {
  return r.uint16List(2, 2, 0xffff, 'named_group_list', 'named_group', groupName);
}

function readSchemes(r: WireReader): number[] {
  return r.uint16List(2, 2, 0xfffe, 'supported_signature_algorithms', 'signature_scheme', signatureSchemeName);
}

function readVersions(r: WireReader, ctx: ExtensionContext): number[] {
  if (ctx === 'client_hello') return r.uint16List(1, 2, 254, 'versions', 'version', versionName);
  return [r.uint(2, 'selected_version', versionName)];
}

function readKeyShareEntry(r: WireReader): KeyShareEntry {
  const group = r.uint(2, 'group', groupName);
  const keyExchange = r.vector(2, 1, 0xffff, 'key_exchange', (k) =>
    group === NamedGroup.x25519
      ? `x25519 public key: ${short(k)}`
      : group === NamedGroup.secp256r1
        ? `P-256 public point (${k[0] === 4 ? 'uncompressed' : 'not uncompressed'}): ${short(k)}`
        : `public key: ${short(k)}`,
  );
  return { group, keyExchange };
}

function readKeyShares(r: WireReader, ctx: ExtensionContext): KeyShareEntry[] {
  if (ctx === 'hello_retry_request')
    return [{ group: r.uint(2, 'selected_group', groupName), keyExchange: new Uint8Array(0) }];
  if (ctx !== 'client_hello') return [readKeyShareEntry(r)];
  const list = r.nested(2, 0, 0xffff, 'client_shares');
  const shares: KeyShareEntry[] = [];
  while (list.remaining > 0) {
    const share = readKeyShareEntry(list);
    // §4.2.8: "Clients MUST NOT offer multiple KeyShareEntry values for the same group."
    if (shares.some((s) => s.group === share.group))
      throw new TlsError('ILLEGAL_PARAMETER', `${r.context}: key_share offers group ${groupName(share.group)} twice.`);
    shares.push(share);
  }
  return shares;
}

/** Cookie { opaque cookie<1..2^16-1> } (§4.2.2): a HelloRetryRequest's cookie, echoed in the second ClientHello. */
function readCookie(r: WireReader): Uint8Array {
  return r.vector(2, 1, 0xffff, 'cookie', (b) => `${b.length} bytes the server asks to get back: ${short(b)}`);
}

/** Reads one extension body whose structure the game knows; others are opaque. Returns nothing: it only checks and labels. */
function readKnownBody(r: WireReader, type: number, ctx: ExtensionContext): void {
  switch (type) {
    case ExtensionType.server_name:
      readServerName(r, ctx);
      break;
    case ExtensionType.supported_groups:
      readGroups(r);
      break;
    case ExtensionType.signature_algorithms:
      readSchemes(r);
      break;
    case ExtensionType.supported_versions:
      readVersions(r, ctx);
      break;
    case ExtensionType.key_share:
      readKeyShares(r, ctx);
      break;
    case ExtensionType.cookie:
      readCookie(r);
      break;
    default:
      if (r.remaining > 0) r.bytes(r.remaining, 'extension_data', (d) => `${d.length} bytes: ${short(d)}`);
  }
  r.end();
}

/**
 * Reads an extension block `Extension extensions<min..2^16-1>` (§4.2), checking the body of every
 * extension the game knows, and rejecting a type that appears twice (§4.2: illegal_parameter).
 */
export function readExtensions(r: WireReader, min: number, ctx: ExtensionContext): Extension[] {
  const block = r.nested(2, min, 0xffff, 'extensions');
  const extensions: Extension[] = [];
  while (block.remaining > 0) {
    const type = block.uint(2, 'extension_type', extensionName);
    const data = block.nested(2, 0, 0xffff, `${extensionName(type).replace(/ \(\d+\)$/, '')} extension_data`);
    const raw = data.peekAll();
    readKnownBody(data, type, ctx);
    if (extensions.some((e) => e.type === type))
      throw new TlsError('ILLEGAL_PARAMETER', `${r.context}: extension ${extensionName(type)} appears twice (§4.2).`);
    extensions.push({ type, data: raw });
  }
  return extensions;
}

/** Decodes a known extension body again, this time to its value (the bytes were already checked by readExtensions). */
function decode<T>(
  extensions: readonly Extension[],
  type: number,
  context: string,
  read: (r: WireReader) => T,
): T | undefined {
  const ext = extensions.find((e) => e.type === type);
  if (!ext) return undefined;
  const r = new WireReader(ext.data, `${context} ${extensionName(type)}`);
  const value = read(r);
  r.end();
  return value;
}

/** Typed views of the extensions the game uses; `undefined` when absent. */
export const serverNameOf = (exts: readonly Extension[], ctx: ExtensionContext): string | undefined =>
  decode(exts, ExtensionType.server_name, ctx, (r) => readServerName(r, ctx));
export const supportedGroupsOf = (exts: readonly Extension[], ctx: ExtensionContext): number[] | undefined =>
  decode(exts, ExtensionType.supported_groups, ctx, readGroups);
export const signatureAlgorithmsOf = (exts: readonly Extension[], ctx: ExtensionContext): number[] | undefined =>
  decode(exts, ExtensionType.signature_algorithms, ctx, readSchemes);
export const supportedVersionsOf = (exts: readonly Extension[], ctx: ExtensionContext): number[] | undefined =>
  decode(exts, ExtensionType.supported_versions, ctx, (r) => readVersions(r, ctx));
export const cookieOf = (exts: readonly Extension[], ctx: ExtensionContext): Uint8Array | undefined =>
  decode(exts, ExtensionType.cookie, ctx, readCookie);
export const keySharesOf = (exts: readonly Extension[], ctx: ExtensionContext): KeyShareEntry[] | undefined =>
  decode(exts, ExtensionType.key_share, ctx, (r) => readKeyShares(r, ctx));

// ——— encoders ———

/** `Extension extensions<min..2^16-1>` with its length prefix (§4.2). */
export function encodeExtensions(extensions: readonly Extension[], min = 0): Uint8Array {
  const body = concatBytes(
    ...extensions.map((e) => concatBytes(encodeUint(e.type, 2), encodeVector(2, e.data, 0, 0xffff, 'extension_data'))),
  );
  return encodeVector(2, body, min, 0xffff, 'extensions');
}

/** server_name with one host_name (RFC 6066 §3); `hostName` '' gives the empty body a server echoes. */
export function serverNameExtension(hostName: string): Extension {
  if (hostName === '') return { type: ExtensionType.server_name, data: new Uint8Array(0) };
  if (!HOST_NAME.test(hostName)) throw new ArgumentError(`serverName: "${hostName}" is not a DNS host name`);
  const name = Uint8Array.from(hostName, (c) => c.charCodeAt(0));
  const entry = concatBytes(Uint8Array.of(0), encodeVector(2, name, 1, 0xffff, 'HostName'));
  return { type: ExtensionType.server_name, data: encodeVector(2, entry, 1, 0xffff, 'server_name_list') };
}

export const supportedGroupsExtension = (groups: readonly number[]): Extension => ({
  type: ExtensionType.supported_groups,
  data: encodeVector(2, encodeUint16List(groups), 2, 0xffff, 'named_group_list'),
});

export const signatureAlgorithmsExtension = (schemes: readonly number[]): Extension => ({
  type: ExtensionType.signature_algorithms,
  data: encodeVector(2, encodeUint16List(schemes), 2, 0xfffe, 'supported_signature_algorithms'),
});

/** supported_versions in a ClientHello: a list (§4.2.1). */
export const clientSupportedVersionsExtension = (versions: readonly number[]): Extension => ({
  type: ExtensionType.supported_versions,
  data: encodeVector(1, encodeUint16List(versions), 2, 254, 'versions'),
});

/** supported_versions in a ServerHello: the one selected version (§4.2.1). */
export const serverSupportedVersionsExtension = (version: number): Extension => ({
  type: ExtensionType.supported_versions,
  data: encodeUint(version, 2),
});

const encodeKeyShareEntry = (entry: KeyShareEntry): Uint8Array =>
  concatBytes(encodeUint(entry.group, 2), encodeVector(2, entry.keyExchange, 1, 0xffff, 'key_exchange'));

/** key_share in a ClientHello: client_shares (§4.2.8). */
export const clientKeyShareExtension = (shares: readonly KeyShareEntry[]): Extension => ({
  type: ExtensionType.key_share,
  data: encodeVector(2, concatBytes(...shares.map(encodeKeyShareEntry)), 0, 0xffff, 'client_shares'),
});

/** key_share in a HelloRetryRequest: the selected_group alone (§4.2.8). */
export const helloRetryKeyShareExtension = (group: number): Extension => ({
  type: ExtensionType.key_share,
  data: encodeUint(group, 2),
});

/** cookie (§4.2.2), sent in a HelloRetryRequest and echoed in the second ClientHello. */
export const cookieExtension = (cookie: Uint8Array): Extension => ({
  type: ExtensionType.cookie,
  data: encodeVector(2, cookie, 1, 0xffff, 'cookie'),
});

/** key_share in a ServerHello: the server_share (§4.2.8). */
export const serverKeyShareExtension = (share: KeyShareEntry): Extension => ({
  type: ExtensionType.key_share,
  data: encodeKeyShareEntry(share),
});
