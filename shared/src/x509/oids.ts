/** Object identifiers used by Handshake's certificates: RFC 5280 §4, RFC 8410 §3, RFC 8017 App. C, RFC 5480, RFC 5758, RFC 2985. @module */

/** id-Ed25519 (RFC 8410 §3): key and signature algorithm, parameters absent. */
export const OID_ED25519 = '1.3.101.112';
/** X25519 (RFC 8410 §3): recognised only to explain why it is refused. */
export const OID_X25519 = '1.3.101.110';
/** rsaEncryption (RFC 8017 App. C): RSA subject public keys, parameters NULL. */
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
/** sha256WithRSAEncryption (RFC 8017 App. C, RFC 4055 §5): parameters NULL. */
export const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/** id-ecPublicKey (RFC 5480 §2.1.1): EC subject public keys, parameters the named curve. */
export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** secp256r1 / prime256v1 (RFC 5480 §2.1.1.1). */
export const OID_PRIME256V1 = '1.2.840.10045.3.1.7';
/** ecdsa-with-SHA256 (RFC 5758 §3.2): parameters absent. */
export const OID_ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';

/** id-at-commonName (RFC 5280 App. A.1). */
export const OID_COMMON_NAME = '2.5.4.3';

/** Certificate extensions (RFC 5280 §4.2.1). */
export const OID_SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
export const OID_KEY_USAGE = '2.5.29.15';
export const OID_SUBJECT_ALT_NAME = '2.5.29.17';
export const OID_BASIC_CONSTRAINTS = '2.5.29.19';
export const OID_AUTHORITY_KEY_IDENTIFIER = '2.5.29.35';
export const OID_EXTENDED_KEY_USAGE = '2.5.29.37';
/** id-kp-serverAuth (RFC 5280 §4.2.1.12). */
export const OID_KP_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
/** id-kp-clientAuth (RFC 5280 §4.2.1.12). */
export const OID_KP_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
/** anyExtendedKeyUsage (RFC 5280 §4.2.1.12): any purpose. */
export const OID_ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

/** pkcs-9-at-extensionRequest (RFC 2985 §5.4.2): extensions a PKCS#10 request asks for. */
export const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
