/** Whether a party can open an envelope is decided by trying, with the keys that party holds. @module */
import { ContentType } from '../../tls13/constants.ts';
import type { Envelope, Party, TableState } from '../state.ts';
import { connectionOf, type OpenedContent, tryOpenContentAt } from './sessions.ts';

/** Per record: what this party got out of it, or null. Clear http is readable by anyone who sees it. */
export function openableContents(state: TableState, party: Party, envelope: Envelope): (OpenedContent | null)[] {
  return envelope.records.map((record, i) => {
    if (envelope.locks[i] === null)
      return envelope.layer === 'http' ? { contentType: ContentType.application_data, plaintext: record } : null;
    if (!envelope.conn || envelope.layer !== 'tls') return null;
    const seq = state.recordSeqs[`${envelope.id}:${i}`];
    if (seq === undefined) return null;
    const conn = connectionOf(state, party, envelope.conn);
    return conn ? tryOpenContentAt(conn, seq, record) : null;
  });
}

/** Per record: the plaintext this party got out of it, or null. */
export function openableRecords(state: TableState, party: Party, envelope: Envelope): (Uint8Array | null)[] {
  return openableContents(state, party, envelope).map((opened) => opened?.plaintext ?? null);
}
