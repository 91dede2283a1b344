/** TLS presentation language (vectors, uint8/16/24) with a field-recording reader for the inspector, shared by TLS 1.2 and 1.3: RFC 5246 §4, RFC 8446 §3 @module */
import { ArgumentError, concatBytes, uintBE } from './bytes.ts';

/** Makes the protocol's own DECODE_ERROR from a sentence, so each TLS version keeps its error type. */
export type DecodeErrorFactory = (message: string) => Error;

/** One labelled span of bytes, for the hex inspector. Offsets count from the start of the bytes described. */
export interface WireField {
  name: string;
  offset: number;
  length: number;
  description: string;
}

/** Width of an integer or a vector's length prefix (§3.3, §3.4). */
export type UintSize = 1 | 2 | 3 | 4;

const UINT_MAX: Record<UintSize, number> = { 1: 0xff, 2: 0xffff, 3: 0xffffff, 4: 0xffffffff };

/** uint8 / uint16 / uint24 / uint32, big-endian (§3.3). */
export const encodeUint = (value: number, size: UintSize): Uint8Array => uintBE(value, size);

/** A vector `<min..max>` with its length prefix (§3.4); refuses a body outside the bounds. */
export function encodeVector(size: UintSize, body: Uint8Array, min: number, max: number, name: string): Uint8Array {
  if (body.length < min || body.length > Math.min(max, UINT_MAX[size]))
    throw new ArgumentError(`${name}: ${body.length} bytes, but the field allows ${min} to ${max}`);
  return concatBytes(uintBE(body.length, size), body);
}

/** A list of uint16 values (cipher suites, groups, schemes, versions) as bytes. */
export const encodeUint16List = (values: readonly number[]): Uint8Array =>
  concatBytes(...values.map((v) => uintBE(v, 2)));

type Describe<T> = string | ((value: T) => string);
const describe = <T>(d: Describe<T>, value: T): string => (typeof d === 'string' ? d : d(value));

/**
 * Reads a structure field by field, recording each field for the inspector. Any shortfall, excess or
 * out-of-range length is a DECODE_ERROR (§6.2: "a message could not be decoded because some field was
 * out of the specified range or the length of the message was incorrect").
 */
export class WireReader {
  private pos = 0;

  constructor(
    private readonly data: Uint8Array,
    /** What is being read, for error sentences ("ClientHello"). */
    readonly context: string,
    private readonly decodeError: DecodeErrorFactory,
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

  /** A copy of the bytes not yet read, without reading them. */
  peekAll(): Uint8Array {
    return this.data.slice(this.pos);
  }

  /** A copy of every byte this reader covers, read or not. */
  get contents(): Uint8Array {
    return this.data.slice();
  }

  fail(message: string): never {
    throw this.decodeError(`${this.context}: ${message}`);
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

  /** A big-endian uint8 / uint16 / uint24 / uint32. */
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
    const length = this.uint(size, `${name} length`, (n) => `${name} is ${n} bytes long`);
    if (length < min || length > max)
      this.fail(`${name} is ${length} bytes long, but TLS allows ${min} to ${Math.min(max, UINT_MAX[size])}.`);
    if (length > this.remaining)
      this.fail(`the message ends early — ${name} claims ${length} bytes but only ${this.remaining} are left.`);
    return length;
  }

  /** A vector `<min..max>` read as opaque bytes (§3.4). */
  vector(size: UintSize, min: number, max: number, name: string, description: Describe<Uint8Array>): Uint8Array {
    return this.bytes(this.vectorLength(size, min, max, name), name, description);
  }

  /** A vector whose body is a structure: a reader over the body, sharing this reader's field list. */
  nested(size: UintSize, min: number, max: number, name: string): WireReader {
    const length = this.vectorLength(size, min, max, name);
    return this.sub(length);
  }

  /** The next `length` bytes as a structure of their own (no length prefix). */
  sub(length: number, context = this.context): WireReader {
    if (length > this.remaining)
      this.fail(`the message ends early — ${length} bytes expected but only ${this.remaining} are left.`);
    const child = new WireReader(
      this.data.subarray(this.pos, this.pos + length),
      context,
      this.decodeError,
      this.fields,
      this.offset,
    );
    this.pos += length;
    return child;
  }

  /** A vector of uint16 values (§3.4): its byte length must be even. */
  uint16List(
    size: UintSize,
    min: number,
    max: number,
    name: string,
    item: string,
    label: (v: number) => string,
  ): number[] {
    const body = this.nested(size, min, max, name);
    if (body.remaining % 2 !== 0) this.fail(`${name} length ${body.remaining} is odd, but each entry is 2 bytes.`);
    const values: number[] = [];
    while (body.remaining > 0) values.push(body.uint(2, item, label));
    return values;
  }

  /** The structure must end here (§3: no trailing bytes). */
  end(): void {
    if (this.remaining !== 0) this.fail(`${this.remaining} unexpected bytes follow the last field.`);
  }
}
