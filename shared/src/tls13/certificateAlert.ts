/** The alert a client sends for a certificate it refuses, by x509 verdict, as OpenSSL chooses it (ssl_x509err2alert). RFC 8446 §6.2 @module */
import type { ValidationFailureCode } from '../x509/validate.ts';
import { TlsError, type TlsErrorCode } from './errors.ts';

/**
 * §6.2 leaves the choice among certificate alerts to the implementation; these follow OpenSSL's, so a peer
 * sees the same alert from the engine as from `openssl s_client` for the same certificate.
 */
const ALERT_FOR_FAILURE: Record<ValidationFailureCode, TlsErrorCode> = {
  UNKNOWN_ISSUER: 'UNKNOWN_CA',
  SELF_SIGNED: 'UNKNOWN_CA',
  NOT_A_CA: 'UNKNOWN_CA',
  BAD_SIGNATURE: 'DECRYPT_ERROR',
  EXPIRED: 'CERTIFICATE_EXPIRED',
  NOT_YET_VALID: 'BAD_CERTIFICATE',
  NAME_MISMATCH: 'HANDSHAKE_FAILURE',
  WRONG_PURPOSE: 'UNSUPPORTED_CERTIFICATE',
  KEY_MISMATCH: 'DECRYPT_ERROR',
  MALFORMED: 'BAD_CERTIFICATE',
};

/** The TlsError (and so the alert) for the first failure of a refused certificate chain. */
export function certificateRefusal(failure: { code: ValidationFailureCode; message: string }): TlsError {
  return new TlsError(ALERT_FOR_FAILURE[failure.code], failure.message);
}
