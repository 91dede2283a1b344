/**
 * Parsed DER remembered by its bytes: a round reads the same few certificates and requests again and again (the
 * CA's checks, the legal moves, every view, chain validation), and strict DER parsing — decode, then re-encode
 * to prove the encoding canonical — was the largest single cost of a move. A parse is a pure function of the
 * bytes, so the answer (or the CertificateError) is kept, by content, for the most recent few hundred.
 * @module
 */
import { bytesToHex } from '../bytes/bytes.ts';
import { CertificateError } from './errors.ts';

/** Distinct DER objects kept per parser: a table's round has a handful; this covers a busy process's tables. */
const CAPACITY = 512;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: CertificateError };

/** `parse`, remembered: the same bytes give the same frozen result, or throw the same CertificateError. */
export function rememberedParse<T extends object>(parse: (der: Uint8Array) => T): (der: Uint8Array) => T {
  const outcomes = new Map<string, Outcome<T>>();
  return (der) => {
    const key = der instanceof Uint8Array ? bytesToHex(der) : null;
    if (key === null) return parse(der); // let the parser's own boundary check answer
    let outcome = outcomes.get(key);
    if (!outcome) {
      try {
        outcome = { ok: true, value: Object.freeze(parse(der)) };
      } catch (error) {
        if (!(error instanceof CertificateError)) throw error;
        outcome = { ok: false, error };
      }
      if (outcomes.size >= CAPACITY) outcomes.delete(outcomes.keys().next().value!);
      outcomes.set(key, outcome);
    }
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  };
}
