/** Why a CA refuses a request (issuance as in RFC 8555 §7.4, domain control as in §8). @module */

/**
 * - `MALFORMED_REQUEST`: the request's bytes cannot be read.
 * - `BAD_REQUEST_SIGNATURE`: the request is not signed by the key it carries (RFC 2986 §3).
 * - `NAME_NOT_ALLOWED`: the name cannot be issued (several names, a wildcard, bad syntax).
 * - `DOMAIN_NOT_VERIFIED`: nobody showed control of the domain (RFC 8555 §8.3).
 */
export type RefusalCode = 'MALFORMED_REQUEST' | 'BAD_REQUEST_SIGNATURE' | 'NAME_NOT_ALLOWED' | 'DOMAIN_NOT_VERIFIED';

export interface Refusal {
  code: RefusalCode;
  /** A sentence a player can read. */
  reason: string;
}
