/** Byte helpers and boundary assertions shared by every protocol module. @module */
import { bytesToHex, concatBytes, equalBytes, hexToBytes, utf8ToBytes } from '@noble/ciphers/utils.js';

export { bytesToHex, concatBytes, equalBytes, hexToBytes, utf8ToBytes };

/** Thrown when a caller passes a value of the wrong shape; names the parameter. */
export class ArgumentError extends Error {
  override readonly name = 'ArgumentError';
}

/** Asserts `value` is a Uint8Array (of exactly `length` bytes when given). */
export function abytes(value: unknown, length: number | undefined, title: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new ArgumentError(`${title}: expected Uint8Array`);
  if (length !== undefined && value.length !== length)
    throw new ArgumentError(`${title}: expected ${length} bytes, got ${value.length}`);
}

/** Asserts `value` is an integer in [min, max]. */
export function aint(value: unknown, min: number, max: number, title: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new ArgumentError(`${title}: expected an integer in [${min}, ${max}]`);
}

/** Big-endian unsigned integer of `length` bytes. */
export function uintBE(value: number | bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = BigInt(value);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new ArgumentError(`value does not fit in ${length} bytes`);
  return out;
}

export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** Standard base64 without relying on Buffer (runs in the browser too). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
