/** TLS 1.2 alerts on the wire: a fatal alert sealed under the connection's write keys, and alerts recognised when received. RFC 5246 §7.2 @module */
import { ArgumentError } from '../bytes/bytes.ts';
import { Tls12Error, type Tls12ErrorCode } from './errors.ts';
import type { Tls12Connection } from './handshake.ts';
import { sealRecord } from './record.ts';

/** AlertDescription (§7.2) of each failure code, plus close_notify. */
export const TLS12_ALERT_DESCRIPTION: Record<Tls12ErrorCode | 'CLOSE_NOTIFY', number> = {
  CLOSE_NOTIFY: 0,
  UNEXPECTED_MESSAGE: 10,
  BAD_RECORD_MAC: 20,
  RECORD_OVERFLOW: 22,
  HANDSHAKE_FAILURE: 40,
  ILLEGAL_PARAMETER: 47,
  DECODE_ERROR: 50,
  DECRYPT_ERROR: 51,
  PROTOCOL_VERSION: 70,
  UNSUPPORTED_EXTENSION: 110,
};

/** An alert record's body (§7.2): level (1 warning, 2 fatal) and description. */
export interface Tls12Alert {
  level: number;
  description: number;
}

/**
 * §7.2.2: the alert for a failure, sealed like any record under the current write keys (fatal, level 2), or
 * close_notify (§7.2.1, warning level). After it the sender closes the connection.
 */
export function sendAlert(
  connection: Tls12Connection,
  reason: Tls12Error | 'CLOSE_NOTIFY',
): { state: Tls12Connection; record: Uint8Array } {
  if (connection?.phase !== 'connected') throw new ArgumentError('connection: expected a connected state');
  const code = reason instanceof Tls12Error ? reason.code : reason;
  const description = TLS12_ALERT_DESCRIPTION[code];
  if (description === undefined) throw new ArgumentError(`reason: no alert for ${String(code)}`);
  const body = Uint8Array.of(code === 'CLOSE_NOTIFY' ? 1 : 2, description);
  const sealed = sealRecord(connection.write, 'alert', body);
  return { state: { ...connection, write: sealed.protection }, record: sealed.record };
}

/** §7.2: an alert body is exactly two bytes. */
export function parseAlert(body: Uint8Array): Tls12Alert {
  if (body.length !== 2)
    throw new Tls12Error(
      'DECODE_ERROR',
      `An alert must be exactly 2 bytes, level and description; this one has ${body.length}.`,
    );
  return { level: body[0]!, description: body[1]! };
}
