/** TLS 1.3 typed errors, each mapped to the alert a peer would send: RFC 8446 §6 @module */

/** Every AlertDescription of RFC 8446 §6, by name → number. */
export const ALERT_DESCRIPTION = {
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  record_overflow: 22,
  handshake_failure: 40,
  bad_certificate: 42,
  unsupported_certificate: 43,
  certificate_revoked: 44,
  certificate_expired: 45,
  certificate_unknown: 46,
  illegal_parameter: 47,
  unknown_ca: 48,
  access_denied: 49,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  inappropriate_fallback: 86,
  user_canceled: 90,
  missing_extension: 109,
  unsupported_extension: 110,
  unrecognized_name: 112,
  bad_certificate_status_response: 113,
  unknown_psk_identity: 115,
  certificate_required: 116,
  no_application_protocol: 120,
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
  BAD_CERTIFICATE: 'bad_certificate',
  UNSUPPORTED_CERTIFICATE: 'unsupported_certificate',
  CERTIFICATE_EXPIRED: 'certificate_expired',
  CERTIFICATE_UNKNOWN: 'certificate_unknown',
  ILLEGAL_PARAMETER: 'illegal_parameter',
  UNKNOWN_CA: 'unknown_ca',
  DECODE_ERROR: 'decode_error',
  DECRYPT_ERROR: 'decrypt_error',
  BAD_FINISHED: 'decrypt_error',
  PROTOCOL_VERSION: 'protocol_version',
  INSUFFICIENT_SECURITY: 'insufficient_security',
  INTERNAL_ERROR: 'internal_error',
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

/**
 * The peer closed the connection with an alert (§6): nothing is to be answered (§6.2: a fatal alert ends
 * the connection at once). `description` is the number received, `alert` its name when RFC 8446 knows it.
 */
export class TlsAlertReceived extends Error {
  override readonly name = 'TlsAlertReceived';
  readonly level: number;
  readonly description: number;
  readonly alert: AlertName | undefined;

  constructor(level: number, description: number, message: string) {
    super(message);
    this.level = level;
    this.description = description;
    this.alert = (Object.keys(ALERT_DESCRIPTION) as AlertName[]).find((n) => ALERT_DESCRIPTION[n] === description);
  }
}
