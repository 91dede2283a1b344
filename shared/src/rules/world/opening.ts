/** Whether a party can open an envelope is decided by trying, with the keys that party holds. @module */
import type { Envelope, Party, TableState } from '../state.ts';
import { connectionOf, tryOpenAt } from './sessions.ts';

/** Per record: the plaintext this party got out of it, or null. Clear records are readable by anyone who sees them. */
export function openableRecords(state: TableState, party: Party, envelope: Envelope): (Uint8Array | null)[] {
  return envelope.records.map((record, i) => {
    if (envelope.locks[i] === null) return envelope.layer === 'http' ? record : null;
    if (!envelope.conn || envelope.layer !== 'tls') return null;
    const seq = state.recordSeqs[`${envelope.id}:${i}`];
    if (seq === undefined) return null;
    const conn = connectionOf(state, party, envelope.conn);
    return conn ? tryOpenAt(conn, seq, record) : null;
  });
}
