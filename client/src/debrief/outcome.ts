/** How a round ended, in sentences for the debrief (from the engine's Outcome facts). @module */
import type { Outcome } from '@handshake/shared';
import { ROLE_TITLE } from '../art/palette.ts';

export function outcomeSentences(outcome: Outcome): string[] {
  const out: string[] = [];
  if (outcome.sessionCompleted) out.push('The secure session was completed.');
  if (outcome.connectionAborted) out.push(`The connection was aborted: ${outcome.connectionAborted}.`);
  if (outcome.clientRejected) out.push(`The browser refused the certificate: ${outcome.clientRejected}.`);
  if (outcome.clientTrustedBadCertificate) out.push('The browser trusted a certificate it should have refused.');
  if (outcome.misIssued) out.push('The CA issued a certificate to someone who does not own the domain.');
  if (outcome.tamperDetectedBy) out.push(`Tampering was detected by the ${ROLE_TITLE[outcome.tamperDetectedBy].name}.`);
  if (outcome.replyDelivered) out.push('The bank’s reply reached the browser.');
  out.push(
    outcome.secretReadBy.length
      ? `The login was read by: ${outcome.secretReadBy.map((r) => ROLE_TITLE[r].name).join(', ')}.`
      : 'Nobody but the bank read the login.',
  );
  if (outcome.sniSeenBy.length)
    out.push(`The site’s name (SNI) was seen by: ${outcome.sniSeenBy.map((r) => ROLE_TITLE[r].name).join(', ')}.`);
  if (outcome.leakDecrypted !== null) {
    out.push(
      outcome.leakDecrypted
        ? 'The leaked key opened the old recording.'
        : 'The leaked key could not open the old recording.',
    );
  }
  return out;
}
