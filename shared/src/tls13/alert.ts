/** Alert messages: encode, parse, name, and frame in the clear (before keys exist). RFC 8446 §6, §5.1 @module */
import { ArgumentError, abytes, aint } from '../bytes/bytes.ts';
import { ContentType } from './constants.ts';
import { ALERT_DESCRIPTION, type AlertName, TlsAlertReceived, TlsError } from './errors.ts';
import { encodePlaintextRecord } from './record.ts';
import type { WireField } from './wire.ts';

/** AlertLevel (§6): TLS 1.3 treats every alert but close_notify and user_canceled as fatal whatever the level says. */
export const AlertLevel = { warning: 1, fatal: 2 } as const;

/** An alert record's body (§6): level (1 warning, 2 fatal) and description (0 close_notify, …). */
export interface Alert {
  level: number;
  description: number;
}

const NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(ALERT_DESCRIPTION).map(([name, value]) => [value, name]),
);

/** "bad_record_mac (20)", or "unknown alert (n)". */
export const alertDescriptionName = (description: number): string =>
  `${NAMES[description] ?? 'unknown alert'} (${description})`;

/** §6: closure alerts (close_notify, user_canceled) are not errors; every other alert is. */
export const isClosureAlert = (alert: Alert): boolean => alert.description === 0 || alert.description === 90;

/** Alert { AlertLevel level; AlertDescription description; } (§6): two bytes. */
export function encodeAlert(description: number | AlertName, level: number = AlertLevel.fatal): Uint8Array {
  const value = typeof description === 'string' ? ALERT_DESCRIPTION[description] : description;
  if (value === undefined) throw new ArgumentError(`description: unknown alert name ${String(description)}`);
  aint(value, 0, 255, 'description');
  aint(level, 1, 2, 'level');
  return Uint8Array.of(level, value);
}

/** §6: the body of an alert record is exactly level and description. */
export function parseAlert(body: Uint8Array): Alert {
  abytes(body, undefined, 'body');
  if (body.length !== 2)
    throw new TlsError(
      'DECODE_ERROR',
      `An alert must be exactly 2 bytes, level and description; this one has ${body.length}.`,
    );
  return { level: body[0]!, description: body[1]! };
}

/** The alert a `TlsError` says to send: always fatal (§6.2). */
export const alertForError = (error: TlsError): Alert => ({
  level: AlertLevel.fatal,
  description: error.alertDescription,
});

/** An alert in a TLSPlaintext record: only before the peer's handshake keys exist, e.g. refusing a ClientHello (§5.1, §6). */
export function plaintextAlertRecord(alert: Alert): Uint8Array {
  return encodePlaintextRecord(ContentType.alert, encodeAlert(alert.description, alert.level));
}

/** The error a received non-closure alert stands for, with a sentence naming it. */
export function alertReceived(alert: Alert): TlsAlertReceived {
  return new TlsAlertReceived(
    alert.level,
    alert.description,
    `The peer ended the connection with a ${alert.level === AlertLevel.fatal ? 'fatal' : 'warning'} ${alertDescriptionName(alert.description)} alert.`,
  );
}

/** Labelled fields of an alert body for the inspector (offsets from the body's first byte). */
export function describeAlert(body: Uint8Array): WireField[] {
  const alert = parseAlert(body);
  return [
    {
      name: 'level',
      offset: 0,
      length: 1,
      description:
        alert.level === 1 ? 'warning (1)' : alert.level === 2 ? 'fatal (2)' : `unknown level (${alert.level})`,
    },
    { name: 'description', offset: 1, length: 1, description: alertDescriptionName(alert.description) },
  ];
}
