/** Labelled byte fields of a record for the hex inspector: header, then the handshake messages it carries in the clear. RFC 8446 §5.1, §4 @module */
import { abytes } from '../bytes/bytes.ts';
import { ContentType } from './constants.ts';
import { TlsError } from './errors.ts';
import { describeHandshakeMessages } from './messages.ts';
import { describeRecordHeader, parseRecord, RECORD_HEADER_LENGTH } from './record.ts';
import type { WireField } from './wire.ts';

/**
 * Fields of one record, offsets from the record's first byte. A plaintext handshake record is walked field by
 * field; a protected record shows header, ciphertext and tag. Malformed bytes give the fields read so far and the error.
 */
export function describeRecord(record: Uint8Array): { fields: WireField[]; error?: TlsError } {
  abytes(record, undefined, 'record');
  let header: WireField[];
  try {
    header = describeRecordHeader(record);
  } catch (error) {
    if (error instanceof TlsError) return { fields: [], error };
    throw error;
  }
  const { contentType, fragment } = parseRecord(record);
  if (contentType !== ContentType.handshake) return { fields: header };
  const inner = describeHandshakeMessages(fragment);
  const fields = [
    ...header.slice(0, 3),
    ...inner.fields.map((f) => ({ ...f, offset: f.offset + RECORD_HEADER_LENGTH })),
  ];
  return inner.error ? { fields, error: inner.error } : { fields };
}
