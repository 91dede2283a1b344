/** Game rules: the shapes of roles, moves, state and views. @module */
import { render, type Text } from '../text/text.ts';

export const ROLES = ['client', 'server', 'ca', 'eavesdropper'] as const;
export type Role = (typeof ROLES)[number];
export type Viewer = Role | 'spectator';

export const PROTOCOL_MODES = ['tls13', 'tls12-rsa'] as const;
export type ProtocolMode = (typeof PROTOCOL_MODES)[number];

/** TLS 1.3 cipher suites a client may offer. */
export const CIPHER_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256'] as const;
/** The one suite of classic mode: RSA key transport with AES-128-GCM (RFC 5288). */
export const TLS12_CIPHER_SUITE = 'TLS_RSA_WITH_AES_128_GCM_SHA256';
/** Every suite name a move may carry; which are playable depends on the mode (`suitesFor`). */
export const ALL_CIPHER_SUITES = [...CIPHER_SUITES, TLS12_CIPHER_SUITE] as const;
export type CipherSuiteName = (typeof ALL_CIPHER_SUITES)[number];

/** The suites a client can offer in a mode. */
export function suitesFor(mode: ProtocolMode): readonly CipherSuiteName[] {
  return mode === 'tls13' ? CIPHER_SUITES : [TLS12_CIPHER_SUITE];
}

/** A rejected move: a stable code for programs and a sentence for the student. */
export interface RuleError {
  code: RuleErrorCode;
  /** The English sentence (rendered from `text` when the refusal has one). */
  message: string;
  /** The sentence as a catalog id with parameters, for the reader's language. */
  text?: Text;
}

export type RuleErrorCode =
  | 'MALFORMED_MOVE'
  | 'STALE_VERSION'
  | 'NOT_YOUR_ROLE'
  | 'WRONG_PHASE'
  | 'NOT_YOUR_TURN'
  | 'ROUND_OVER'
  | 'UNKNOWN_ENVELOPE'
  | 'UNKNOWN_ITEM'
  | 'UNKNOWN_REQUEST'
  | 'ILLEGAL_CHOICE'
  | 'WRONG_PIECES'
  | 'WRONG_KEY';

export type Result<T, E = RuleError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: RuleErrorCode, message: string | Text): Result<never> => ({
  ok: false,
  error: typeof message === 'string' ? { code, message } : { code, message: render(message), text: message },
});
