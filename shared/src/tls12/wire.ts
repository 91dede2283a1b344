/** TLS presentation language on the wire: integers, length-prefixed vectors, a field-recording reader. RFC 5246 §4 @module */
import { ArgumentError, concatBytes, uintBE } from '../bytes/bytes.ts';
import { Tls12Error } from './errors.ts';

/** One labelled span of a message, for the game's hex inspector. Offsets count from the start of the bytes described. */
export interface WireField {
  name: string;
  offset: number;
  length: number;
  description: string;
}

/** Size in bytes of a length prefix or an integer: uint8, uint16, uint24 (§4.4). */
export type UintSize = 1 | 2 | 3;

const UINT_MAX: Record<UintSize, number> = { 1: 0xff, 2: 0xffff, 3: 0xffffff };

/** uint8/uint16/uint24, big-endian (§4.4). */
export function encodeUint(value: number, size: UintSize): Uint8Array {
  return uintBE(value, size);
}

/** A variable-length vector `<min..max>` with its length prefix (§4.3); refuses a body outside the bounds. */
export function encodeVector(size: UintSize, body: Uint8Array, min: number, max: number, name: string): Uint8Array {
  if (body.length < min || body.length > max)
    throw new ArgumentError(`${name}: ${body.length} bytes, but the field allows ${min} to ${max}`);
  return concatBytes(uintBE(body.length, size), body);
}

type Describe<T> = string | ((value: T) => string);

const describe = <T>(d: Describe<T>, value: T): string => (typeof d === 'string' ? d : d(value));

/**
 * Reads a structure field by field and records each field it reads (name, offset, length,
 * description). Any shortfall or excess raises DECODE_ERROR (§7.2.2: a message that "could not be
 * decoded because some field was out of the specified range or the length of the message was incorrect").
 */
export class WireReader {
  private pos = 0;

  constructor(
    private readonly data: Uint8Array,
    /** What is being read, for error sentences ("ClientHello"). */
    private readonly context: string,
    readonly fields: WireField[] = [],
    private readonly base = 0,
  ) {}

  /** Offset of the next byte, counted from the start of the outermost structure. */
  get offset(): number {
    return this.base + this.pos;
  }

  get remaining(): number {
    return this.data.length - this.pos;
  }

  /** A copy of every byte this reader covers, read or not. */
  get contents(): Uint8Array {
    return this.data.slice();
  }

  fail(message: string): never {
    throw new Tls12Error('DECODE_ERROR', `${this.context}: ${message}`);
  }

  /** `length` raw bytes. */
  bytes(length: number, name: string, description: Describe<Uint8Array>): Uint8Array {
    if (length > this.remaining)
      this.fail(`the message ends early — ${name} needs ${length} bytes but only ${this.remaining} are left.`);
    const value = this.data.slice(this.pos, this.pos + length);
    this.fields.push({ name, offset: this.offset, length, description: describe(description, value) });
    this.pos += length;
    return value;
  }

  /** A big-endian uint8/uint16/uint24. */
  uint(size: UintSize, name: string, description: Describe<number>): number {
    if (size > this.remaining)
      this.fail(`the message ends early — ${name} needs ${size} bytes but only ${this.remaining} are left.`);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.data[this.pos + i]!;
    this.fields.push({ name, offset: this.offset, length: size, description: describe(description, value) });
    this.pos += size;
    return value;
  }

  private vectorLength(size: UintSize, min: number, max: number, name: string): number {
    const length = this.uint(size, `${name} length`, (n) => `length of ${name}: ${n} bytes`);
    if (length < min || length > max)
      this.fail(`${name} is ${length} bytes long, but TLS allows ${min} to ${Math.min(max, UINT_MAX[size])}.`);
    return length;
  }

  /** A vector `<min..max>` read as opaque bytes (§4.3). */
  vector(size: UintSize, min: number, max: number, name: string, description: Describe<Uint8Array>): Uint8Array {
    return this.bytes(this.vectorLength(size, min, max, name), name, description);
  }

  /** A vector `<min..max>` whose body is itself a structure: returns a reader over the body sharing this one's field list. */
  nested(size: UintSize, min: number, max: number, name: string): WireReader {
    const length = this.vectorLength(size, min, max, name);
    if (length > this.remaining)
      this.fail(`the message ends early — ${name} claims ${length} bytes but only ${this.remaining} are left.`);
    const child = new WireReader(
      this.data.subarray(this.pos, this.pos + length),
      this.context,
      this.fields,
      this.offset,
    );
    this.pos += length;
    return child;
  }

  /** The structure must end here (no trailing bytes). */
  end(): void {
    if (this.remaining !== 0) this.fail(`${this.remaining} unexpected bytes follow the last field.`);
  }
}
