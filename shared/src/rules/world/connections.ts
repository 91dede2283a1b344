/** Which connection each party's traffic travels on, and the cipher suites' wire codes. @module */
import { CipherSuite } from '../../tls13/constants.ts';
import type { ConnId, TableState } from '../state.ts';
import { CIPHER_SUITES, type CipherSuiteName } from '../types.ts';

/** The half of a man in the middle between the eavesdropper (as a client) and the real server. */
export const RELAY = 'mitm-server' satisfies ConnId;

/** The connection the client's traffic really travels on: to the server, or to an impersonating eavesdropper. */
export function clientConn(state: TableState): ConnId {
  return state.choices.impersonating ? 'mitm-client' : 'main';
}

/** The connection the server's traffic travels on: to the client, or, unknowingly, to a relaying eavesdropper. */
export function serverConn(state: TableState): ConnId {
  return state.choices.impersonating ? RELAY : 'main';
}

/** TLS 1.3 suite names and their codes on the wire (RFC 8446 §B.4). */
export const SUITE_CODES = {
  TLS_AES_128_GCM_SHA256: CipherSuite.TLS_AES_128_GCM_SHA256,
  TLS_CHACHA20_POLY1305_SHA256: CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
} as const;

export const isTls13Suite = (s: CipherSuiteName): s is (typeof CIPHER_SUITES)[number] =>
  (CIPHER_SUITES as readonly string[]).includes(s);
