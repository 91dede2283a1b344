/** Strict DER over @peculiar/asn1-schema: one encoding per value (X.690 §10), no trailing bytes. @module */
import { bytesToNumberBE, numberToVarBytesBE } from '@noble/curves/utils.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { concatBytes, equalBytes } from '../bytes/bytes.ts';
import { CertificateError } from './errors.ts';

/** A schema class from @peculiar/asn1-* (a constructor the parser can fill in). */
export type AsnSchema<T> = new () => T;

export function encodeDer(value: unknown): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(value));
}

/**
 * Decodes `bytes` as `schema`, and refuses them unless re-encoding gives back exactly the same
 * bytes: DER has one encoding per value (X.690 §10), so this rejects BER, non-canonical forms and
 * trailing bytes. `what` names the object in the error sentence ("certificate", "key", …).
 */
export function decodeDer<T>(bytes: Uint8Array, schema: AsnSchema<T>, what: string): T {
  let value: T;
  let again: Uint8Array;
  try {
    value = AsnConvert.parse(bytes, schema);
    again = encodeDer(value);
  } catch (cause) {
    throw new CertificateError(
      'MALFORMED',
      `This ${what} could not be read: its bytes are not laid out like a ${what}.`,
      {
        cause,
      },
    );
  }
  if (!equalBytes(again, bytes))
    throw new CertificateError('MALFORMED', `This ${what} is not written in DER, the one exact encoding it must use.`);
  return value;
}

/** A copy of an ArrayBuffer (or view) from the schema objects as a Uint8Array. */
export function bytesOf(buffer: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer.slice(0));
  return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
}

/** Content octets of a positive INTEGER: minimal two's complement, 0x00-padded when the top bit is set (X.690 §8.3). */
export function positiveIntegerBytes(value: bigint): Uint8Array {
  if (typeof value !== 'bigint' || value <= 0n) throw new RangeError('expected a positive bigint');
  const digits = numberToVarBytesBE(value);
  return digits[0]! & 0x80 ? concatBytes(Uint8Array.of(0), digits) : digits;
}

/** Reads INTEGER content octets that must be positive and minimally encoded (X.690 §8.3.2). */
export function readPositiveInteger(bytes: Uint8Array, what: string): bigint {
  const bad = (why: string) => new CertificateError('MALFORMED', `The ${what} ${why}.`);
  if (bytes.length === 0) throw bad('is empty');
  if (bytes[0]! & 0x80) throw bad('is negative, but it must be a positive number');
  if (bytes.length > 1 && bytes[0] === 0 && !(bytes[1]! & 0x80)) throw bad('is written with extra leading zeros');
  const value = bytesToNumberBE(bytes);
  if (value === 0n) throw bad('is zero, but it must be a positive number');
  return value;
}

/** A fresh ArrayBuffer holding `bytes`, as the schema objects want. */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
