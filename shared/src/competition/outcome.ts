/** A round's outcome in words for teachers' reports, e.g. "the client accepted a forged certificate". Pure. @module */
import type { Outcome } from '../rules/state.ts';

/** The facts a round established, as short phrases joined into one sentence. */
export function describeOutcome(outcome: Outcome): string {
  const facts: string[] = [];
  if (outcome.misIssued) facts.push('the CA mis-issued a certificate');
  if (outcome.clientTrustedBadCertificate) facts.push('the client accepted a forged certificate');
  if (outcome.clientRejected) facts.push(`the client refused the connection (${outcome.clientRejected})`);
  if (outcome.tamperDetectedBy) facts.push(`the ${outcome.tamperDetectedBy} detected tampering`);
  if (outcome.connectionAborted && !outcome.clientRejected) {
    facts.push(`the connection was aborted (${outcome.connectionAborted})`);
  }
  if (outcome.secretReadBy.includes('eavesdropper')) facts.push('the eavesdropper read the secret');
  else if (outcome.sessionCompleted) facts.push('a secure session completed and the secret stayed private');
  if (outcome.leakDecrypted === true) facts.push('the leaked key decrypted the recording');
  if (outcome.leakDecrypted === false) facts.push('the leaked key opened nothing (forward secrecy)');
  if (facts.length === 0) facts.push('the round ended without a connection');
  const sentence = facts.join('; ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
