/** TLS 1.2 typed errors, one code per alert they would raise: RFC 5246 §7.2.2 @module */

/** The alert (RFC 5246 §7.2.2, RFC 6066 §3) a peer would send for this failure. */
export type Tls12ErrorCode =
  | 'DECODE_ERROR'
  | 'UNEXPECTED_MESSAGE'
  | 'BAD_RECORD_MAC'
  | 'RECORD_OVERFLOW'
  | 'DECRYPT_ERROR'
  | 'HANDSHAKE_FAILURE'
  | 'ILLEGAL_PARAMETER'
  | 'PROTOCOL_VERSION'
  | 'UNSUPPORTED_EXTENSION';

/** A TLS 1.2 failure: a stable `code` for programs and a sentence a student can read. */
export class Tls12Error extends Error {
  override readonly name = 'Tls12Error';
  readonly code: Tls12ErrorCode;

  constructor(code: Tls12ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
