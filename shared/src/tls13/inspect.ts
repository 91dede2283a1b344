/** Labelled byte fields of a record for the hex inspector: header, then the handshake messages it carries in the clear. RFC 8446 §4, §5.1, §6 @module */
import { abytes } from '../bytes/bytes.ts';
import { describeAlert } from './alert.ts';
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
  if (contentType === ContentType.alert) {
    const body = describeProtectedContent(contentType, fragment);
    const fields = [
      ...header.slice(0, 3),
      ...body.fields.map((f) => ({ ...f, offset: f.offset + RECORD_HEADER_LENGTH })),
    ];
    return body.error ? { fields, error: body.error } : { fields };
  }
  if (contentType !== ContentType.handshake) return { fields: header };
  const inner = describeHandshakeMessages(fragment);
  const fields = [
    ...header.slice(0, 3),
    ...inner.fields.map((f) => ({ ...f, offset: f.offset + RECORD_HEADER_LENGTH })),
  ];
  return inner.error ? { fields, error: inner.error } : { fields };
}

/**
 * Fields of a record's content once its protection is removed (what `openRecord` returns): handshake messages
 * (e.g. NewSessionTicket, KeyUpdate) field by field, an alert's level and description, application data as one
 * field. Offsets from the content's first byte.
 */
export function describeProtectedContent(
  contentType: number,
  content: Uint8Array,
): { fields: WireField[]; error?: TlsError } {
  abytes(content, undefined, 'content');
  if (contentType === ContentType.handshake) return describeHandshakeMessages(content);
  if (contentType === ContentType.alert) {
    try {
      return { fields: describeAlert(content) };
    } catch (error) {
      if (error instanceof TlsError) return { fields: [], error };
      throw error;
    }
  }
  return {
    fields: [
      {
        name: 'application_data',
        offset: 0,
        length: content.length,
        description: `${content.length} bytes of application data`,
      },
    ],
  };
}
