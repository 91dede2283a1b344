/** Labelled fields of TLS 1.2 records for the game's hex inspector. RFC 5246 §6.2, RFC 5288 §3 @module */
import { abytes } from '../bytes/bytes.ts';
import { Tls12Error } from './errors.ts';
import { describeHandshakeMessage, splitHandshakeMessages } from './messages.ts';
import {
  CONTENT_TYPE,
  contentTypeName,
  EXPLICIT_NONCE_LENGTH,
  parseRecord,
  RECORD_HEADER_LENGTH,
  TAG_LENGTH,
} from './record.ts';
import type { WireField } from './wire.ts';

export type { WireField };

const shift = (fields: WireField[], by: number) => fields.map((f) => ({ ...f, offset: f.offset + by }));

function headerFields(record: Uint8Array): WireField[] {
  const type = record[0]!;
  const length = (record[3]! << 8) | record[4]!;
  return [
    { name: 'content_type', offset: 0, length: 1, description: `${type} = ${contentTypeName(type) ?? 'unknown'}` },
    {
      name: 'version',
      offset: 1,
      length: 2,
      description: `0x${((record[1]! << 8) | record[2]!).toString(16).padStart(4, '0')}`,
    },
    { name: 'length', offset: 3, length: 2, description: `${length} bytes follow` },
  ];
}

function protectedFields(length: number): WireField[] {
  const at = RECORD_HEADER_LENGTH;
  return [
    {
      name: 'nonce_explicit',
      offset: at,
      length: EXPLICIT_NONCE_LENGTH,
      description: 'the record sequence number; with the 4-byte salt from the key block it makes the GCM nonce',
    },
    {
      name: 'ciphertext',
      offset: at + EXPLICIT_NONCE_LENGTH,
      length: length - EXPLICIT_NONCE_LENGTH - TAG_LENGTH,
      description: 'AES-128-GCM ciphertext: unreadable without the session keys',
    },
    {
      name: 'tag',
      offset: at + length - TAG_LENGTH,
      length: TAG_LENGTH,
      description: 'GCM authentication tag over the data, the sequence number and the header',
    },
  ];
}

function plaintextFields(type: number, fragment: Uint8Array): WireField[] {
  const at = RECORD_HEADER_LENGTH;
  if (type === CONTENT_TYPE.change_cipher_spec && fragment.length === 1 && fragment[0] === 1)
    return [
      {
        name: 'change_cipher_spec',
        offset: at,
        length: 1,
        description: 'from the next record on, this sender encrypts',
      },
    ];
  if (type === CONTENT_TYPE.alert && fragment.length === 2)
    return [
      {
        name: 'level',
        offset: at,
        length: 1,
        description: fragment[0] === 2 ? 'fatal' : fragment[0] === 1 ? 'warning' : 'unknown',
      },
      { name: 'description', offset: at + 1, length: 1, description: `alert ${fragment[1]} (§7.2)` },
    ];
  if (type === CONTENT_TYPE.handshake) {
    const fields: WireField[] = [];
    let offset = at;
    const { messages, rest } = splitHandshakeMessages(fragment);
    for (const message of messages) {
      fields.push(...shift(describeHandshakeMessage(message), offset));
      offset += message.length;
    }
    if (rest.length > 0)
      fields.push({
        name: 'fragment',
        offset,
        length: rest.length,
        description: 'part of a handshake message continued in the next record',
      });
    return fields;
  }
  if (fragment.length === 0) return [];
  const what = type === CONTENT_TYPE.application_data ? 'application data sent unencrypted' : 'not a valid record body';
  return [{ name: 'fragment', offset: at, length: fragment.length, description: what }];
}

/**
 * Labelled fields of one record. `encrypted` says whether its sender had already sent ChangeCipherSpec
 * (the bytes alone cannot tell). Never throws on bytes: a malformed record ends with a `malformed` field.
 */
export function describeRecord(record: Uint8Array, options: { encrypted?: boolean } = {}): WireField[] {
  abytes(record, undefined, 'record');
  let parsed: ReturnType<typeof parseRecord>;
  try {
    parsed = parseRecord(record);
  } catch (error) {
    if (!(error instanceof Tls12Error)) throw error;
    const header = record.length >= RECORD_HEADER_LENGTH ? headerFields(record) : [];
    const offset = header.length > 0 ? RECORD_HEADER_LENGTH : 0;
    return [...header, { name: 'malformed', offset, length: record.length - offset, description: error.message }];
  }
  const type = CONTENT_TYPE[parsed.contentType];
  const body =
    options.encrypted && parsed.fragment.length >= EXPLICIT_NONCE_LENGTH + TAG_LENGTH
      ? protectedFields(parsed.fragment.length)
      : plaintextFields(type, parsed.fragment);
  return [...headerFields(record), ...body];
}
