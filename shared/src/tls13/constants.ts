/** TLS 1.3 code points (IANA registries) and their names for the inspector: RFC 8446 §4, §5.1, §B @module */

/** ContentType (§5.1). */
export const ContentType = {
  change_cipher_spec: 20,
  alert: 21,
  handshake: 22,
  application_data: 23,
} as const;
export type ContentType = (typeof ContentType)[keyof typeof ContentType];

/** HandshakeType (§4). */
export const HandshakeType = {
  client_hello: 1,
  server_hello: 2,
  new_session_ticket: 4,
  end_of_early_data: 5,
  encrypted_extensions: 8,
  certificate: 11,
  certificate_request: 13,
  certificate_verify: 15,
  finished: 20,
  key_update: 24,
  message_hash: 254,
} as const;
export type HandshakeType = (typeof HandshakeType)[keyof typeof HandshakeType];

/** ExtensionType (§4.2) plus server_name (RFC 6066) and record_size_limit (RFC 8449). */
export const ExtensionType = {
  server_name: 0,
  max_fragment_length: 1,
  status_request: 5,
  supported_groups: 10,
  signature_algorithms: 13,
  use_srtp: 14,
  heartbeat: 15,
  application_layer_protocol_negotiation: 16,
  signed_certificate_timestamp: 18,
  client_certificate_type: 19,
  server_certificate_type: 20,
  padding: 21,
  record_size_limit: 28,
  pre_shared_key: 41,
  early_data: 42,
  supported_versions: 43,
  cookie: 44,
  psk_key_exchange_modes: 45,
  certificate_authorities: 47,
  oid_filters: 48,
  post_handshake_auth: 49,
  signature_algorithms_cert: 50,
  key_share: 51,
  renegotiation_info: 0xff01,
} as const;

/** The cipher suites the game negotiates (§B.4). */
export const CipherSuite = {
  TLS_AES_128_GCM_SHA256: 0x1301,
  TLS_CHACHA20_POLY1305_SHA256: 0x1303,
} as const;
export type CipherSuite = (typeof CipherSuite)[keyof typeof CipherSuite];
export const GAME_CIPHER_SUITES: readonly CipherSuite[] = [
  CipherSuite.TLS_AES_128_GCM_SHA256,
  CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
];

/** TLS 1.2 suite (RFC 5288) a downgraded server picks: the game's TLS 1.2 mode. */
export const TLS_RSA_WITH_AES_128_GCM_SHA256 = 0x009c;

const CIPHER_SUITE_NAMES: Record<number, string> = {
  4865: 'TLS_AES_128_GCM_SHA256',
  4866: 'TLS_AES_256_GCM_SHA384',
  4867: 'TLS_CHACHA20_POLY1305_SHA256',
  4868: 'TLS_AES_128_CCM_SHA256',
  4869: 'TLS_AES_128_CCM_8_SHA256',
  156: 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  157: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
  49195: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  49199: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  52392: 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  52393: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  255: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
};

/** AEAD key length per game suite (§5.3; RFC 5116, RFC 8439). */
export const KEY_LENGTH: Record<CipherSuite, 16 | 32> = { 4865: 16, 4867: 32 };

export const isGameCipherSuite = (value: number): value is CipherSuite => value === 0x1301 || value === 0x1303;

/** ProtocolVersion values (§4.2.1). */
export const TLS12 = 0x0303;
export const TLS13 = 0x0304;

const VERSION_NAMES: Record<number, string> = {
  768: 'SSL 3.0',
  769: 'TLS 1.0',
  770: 'TLS 1.1',
  771: 'TLS 1.2',
  772: 'TLS 1.3',
};

/** NamedGroup (§4.2.7). The engine computes x25519 and secp256r1; the game offers x25519 only. */
export const NamedGroup = {
  secp256r1: 0x0017,
  secp384r1: 0x0018,
  secp521r1: 0x0019,
  x25519: 0x001d,
  x448: 0x001e,
} as const;

const GROUP_NAMES: Record<number, string> = {
  23: 'secp256r1',
  24: 'secp384r1',
  25: 'secp521r1',
  29: 'x25519',
  30: 'x448',
  256: 'ffdhe2048',
  257: 'ffdhe3072',
  258: 'ffdhe4096',
  259: 'ffdhe6144',
  260: 'ffdhe8192',
};

/** SignatureScheme (§4.2.3) the engine verifies: §9.1's mandatory pair plus Ed25519, which the game signs with. */
export const SignatureScheme = {
  ecdsa_secp256r1_sha256: 0x0403,
  rsa_pss_rsae_sha256: 0x0804,
  ed25519: 0x0807,
} as const;

const SCHEME_NAMES: Record<number, string> = {
  1025: 'rsa_pkcs1_sha256',
  1281: 'rsa_pkcs1_sha384',
  1537: 'rsa_pkcs1_sha512',
  1027: 'ecdsa_secp256r1_sha256',
  1283: 'ecdsa_secp384r1_sha384',
  1539: 'ecdsa_secp521r1_sha512',
  2052: 'rsa_pss_rsae_sha256',
  2053: 'rsa_pss_rsae_sha384',
  2054: 'rsa_pss_rsae_sha512',
  2055: 'ed25519',
  2056: 'ed448',
  2057: 'rsa_pss_pss_sha256',
  2058: 'rsa_pss_pss_sha384',
  2059: 'rsa_pss_pss_sha512',
  513: 'rsa_pkcs1_sha1',
  515: 'ecdsa_sha1',
  514: 'dsa_sha1 (obsolete)',
  1026: 'dsa_sha256 (obsolete)',
  1282: 'dsa_sha384 (obsolete)',
  1538: 'dsa_sha512 (obsolete)',
};

/** §4.1.3: last 8 bytes of ServerHello.random when a 1.3-capable server negotiates TLS 1.2 ("DOWNGRD" 01). */
export const DOWNGRADE_TLS12 = Uint8Array.of(0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x01);
/** §4.1.3: the same for TLS 1.1 or below ("DOWNGRD" 00). */
export const DOWNGRADE_TLS11 = Uint8Array.of(0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, 0x00);

/** §4.1.3: ServerHello.random of a HelloRetryRequest, SHA-256("HelloRetryRequest"). */
export const HELLO_RETRY_REQUEST_RANDOM = Uint8Array.of(
  0xcf,
  0x21,
  0xad,
  0x74,
  0xe5,
  0x9a,
  0x61,
  0x11,
  0xbe,
  0x1d,
  0x8c,
  0x02,
  0x1e,
  0x65,
  0xb8,
  0x91,
  0xc2,
  0xa2,
  0x11,
  0x16,
  0x7a,
  0xbb,
  0x8c,
  0x5e,
  0x07,
  0x9e,
  0x09,
  0xe2,
  0xc8,
  0xa8,
  0x33,
  0x9c,
);

const hex4 = (value: number): string => `0x${value.toString(16).padStart(4, '0')}`;

const invert = (table: Record<string, number>): Record<number, string> =>
  Object.fromEntries(Object.entries(table).map(([name, value]) => [value, name]));

const CONTENT_TYPE_NAMES = invert(ContentType);
const HANDSHAKE_TYPE_NAMES = invert(HandshakeType);
const EXTENSION_NAMES = invert(ExtensionType);

/** GREASE values (RFC 8701) look like 0x?A?A; the inspector names them instead of calling them unknown. */
const isGrease = (value: number): boolean => (value & 0x0f0f) === 0x0a0a && value >> 8 === (value & 0xff);

const named = (names: Record<number, string>, value: number, fallback: string): string =>
  `${names[value] ?? fallback} (${value})`;
const namedHex = (names: Record<number, string>, value: number, fallback: string): string =>
  `${names[value] ?? (isGrease(value) ? 'GREASE' : fallback)} (${hex4(value)})`;

export const contentTypeName = (value: number): string => named(CONTENT_TYPE_NAMES, value, 'unknown content type');
export const handshakeTypeName = (value: number): string => named(HANDSHAKE_TYPE_NAMES, value, 'unknown message');
export const extensionName = (value: number): string =>
  named(EXTENSION_NAMES, value, isGrease(value) ? 'GREASE' : 'unknown extension');
export const cipherSuiteName = (value: number): string => namedHex(CIPHER_SUITE_NAMES, value, 'unknown suite');
export const versionName = (value: number): string => namedHex(VERSION_NAMES, value, 'unknown version');
export const groupName = (value: number): string => namedHex(GROUP_NAMES, value, 'unknown group');
export const signatureSchemeName = (value: number): string => namedHex(SCHEME_NAMES, value, 'unknown scheme');
