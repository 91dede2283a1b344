/** Validity times (RFC 5280 §4.1.2.5): UTCTime through 2049, GeneralizedTime from 2050, whole seconds in UTC. @module */
import { Time } from '@peculiar/asn1-x509';
import { aint } from '../bytes/bytes.ts';
import { CertificateError } from './errors.ts';

/** 9999-12-31T23:59:59Z, the last second GeneralizedTime can write (RFC 5280 §4.1.2.5). */
export const MAX_CERTIFICATE_TIME = 253402300799;
const SECONDS_PER_DAY = 86_400;

/** `seconds` since the Unix epoch as the Time CHOICE RFC 5280 §4.1.2.5 prescribes for that year. */
export function encodeTime(seconds: number, title: string): Time {
  aint(seconds, 0, MAX_CERTIFICATE_TIME, title);
  const date = new Date(seconds * 1000);
  return date.getUTCFullYear() < 2050 ? new Time({ utcTime: date }) : new Time({ generalTime: date });
}

export function decodeTime(time: Time): number {
  const millis = time.getTime().getTime();
  if (!Number.isFinite(millis))
    throw new CertificateError('MALFORMED', 'A date in this certificate is not a real date.');
  return Math.floor(millis / 1000);
}

/** An ISO 8601 date for people, e.g. "2025-03-01T12:00:00Z". */
export function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function days(count: number): number {
  return count * SECONDS_PER_DAY;
}
