/** Labelled fields of an envelope's bytes for the inspector (like a byte-by-byte TLS walk-through). @module */
import { bytesToHex } from '../../bytes/bytes.ts';
import { describeRecord as describeTls12Record } from '../../tls12/inspect.ts';
import { describeRecord as describeTls13Record } from '../../tls13/inspect.ts';
import { parseCertificate } from '../../x509/certificate.ts';
import { describeCertificate } from '../../x509/inspect.ts';
import type { Envelope, TableState } from '../state.ts';

export interface FieldView {
  record: number;
  name: string;
  offset: number;
  length: number;
  description: string;
}

// Labelling parses every record and certificate again for every viewer and every move; the result depends
// only on the bytes, so it is kept (bounded) and copied out.
const labelled = new Map<string, FieldView[]>();
const LABELLED_LIMIT = 2_000;

export function describeEnvelope(state: TableState, envelope: Envelope): FieldView[] {
  const key = [state.mode, envelope.layer, envelope.kind, ...envelope.locks, ...envelope.records.map(bytesToHex)].join(
    '|',
  );
  let fields = labelled.get(key);
  if (!fields) {
    if (labelled.size >= LABELLED_LIMIT) labelled.clear();
    fields = label(state, envelope);
    labelled.set(key, fields);
  }
  return fields.map((f) => ({ ...f }));
}

function label(state: TableState, envelope: Envelope): FieldView[] {
  try {
    if (envelope.layer === 'tls') {
      return envelope.records.flatMap((record, i) => {
        const fields =
          state.mode === 'tls13'
            ? describeTls13Record(record).fields
            : describeTls12Record(record, { encrypted: envelope.locks[i] !== null });
        return fields.map((f) => ({ record: i, ...f }));
      });
    }
    if (envelope.kind === 'certificate') {
      const cert = parseCertificate(envelope.records[0]!);
      return describeCertificate(cert).map((f) => ({
        record: 0,
        name: f.label,
        offset: 0,
        length: 0,
        description: f.value,
      }));
    }
  } catch {
    // The inspector shows raw hex for anything it cannot label.
  }
  return [];
}
