/** TLS 1.3 typed errors, each mapped to the alert a peer would send: RFC 8446 §6 @module */

/** Alert descriptions (§6) this module can raise, by name → number. */
export const ALERT_DESCRIPTION = {
  unexpected_message: 10,
  bad_record_mac: 20,
  record_overflow: 22,
  handshake_failure: 40,
  illegal_parameter: 47,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  insufficient_security: 71,
  missing_extension: 109,
  unsupported_extension: 110,
} as const;

export type AlertName = keyof typeof ALERT_DESCRIPTION;

/**
 * A stable code per failure. Most are the alert names in capitals; `BAD_FINISHED` is kept apart from
 * `DECRYPT_ERROR` (a bad CertificateVerify) so the game can tell the two apart, though both send
 * decrypt_error (§4.4.4).
 */
export const TLS_ERROR_ALERT = {
  UNEXPECTED_MESSAGE: 'unexpected_message',
  BAD_RECORD_MAC: 'bad_record_mac',
  RECORD_OVERFLOW: 'record_overflow',
  HANDSHAKE_FAILURE: 'handshake_failure',
  ILLEGAL_PARAMETER: 'illegal_parameter',
  DECODE_ERROR: 'decode_error',
  DECRYPT_ERROR: 'decrypt_error',
  BAD_FINISHED: 'decrypt_error',
  PROTOCOL_VERSION: 'protocol_version',
  INSUFFICIENT_SECURITY: 'insufficient_security',
  MISSING_EXTENSION: 'missing_extension',
  UNSUPPORTED_EXTENSION: 'unsupported_extension',
} as const satisfies Record<string, AlertName>;

export type TlsErrorCode = keyof typeof TLS_ERROR_ALERT;

/** A TLS 1.3 failure: a stable `code`, the alert it maps to, and a sentence a student can read. */
export class TlsError extends Error {
  override readonly name = 'TlsError';
  readonly code: TlsErrorCode;
  /** The §6 AlertDescription name, e.g. 'bad_record_mac'. */
  readonly alert: AlertName;
  /** The §6 AlertDescription number, e.g. 20. */
  readonly alertDescription: number;

  constructor(code: TlsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.alert = TLS_ERROR_ALERT[code];
    this.alertDescription = ALERT_DESCRIPTION[this.alert];
  }
}
