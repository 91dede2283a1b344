/** Typed errors for the X.509 module (RFC 5280 certificates, RFC 2986 requests). @module */

/**
 * - `MALFORMED`: bytes that are not a well-formed DER certificate or request of the kinds we support.
 * - `INVALID_NAME`: a DNS name or common name that cannot go into a certificate.
 */
export type CertificateErrorCode = 'MALFORMED' | 'INVALID_NAME';

/** Thrown by parsers and builders; `message` is a sentence a player can read. */
export class CertificateError extends Error {
  override readonly name = 'CertificateError';
  readonly code: CertificateErrorCode;

  constructor(code: CertificateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
