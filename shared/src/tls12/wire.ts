/** The shared TLS wire reader, raising this version's DECODE_ERROR: RFC 5246 §4 @module */
import { WireReader as SharedWireReader, type WireField } from '../bytes/wireReader.ts';
import { Tls12Error } from './errors.ts';

export { encodeUint, encodeUint16List, encodeVector, type UintSize, type WireField } from '../bytes/wireReader.ts';

const decodeError = (message: string) => new Tls12Error('DECODE_ERROR', message);

/** Reads a structure field by field; any malformed byte is a Tls12Error with code DECODE_ERROR. */
export class WireReader extends SharedWireReader {
  constructor(data: Uint8Array, context: string, fields: WireField[] = [], base = 0) {
    super(data, context, decodeError, fields, base);
  }
}
