/** How a round ends: an abort with its reason, or a finished exchange; then the final tallies. @module */
import { heldEnvelopes, log } from '../context.ts';
import { award, POINTS } from '../scoring.ts';
import type { Party, TableState } from '../state.ts';

/** The connection is torn down (an alert, a refusal, a time-out). Held envelopes are discarded. */
export function abortConnection(state: TableState, reason: string, detectedBy: Party | null): void {
  if (state.outcome.connectionAborted) return;
  state.outcome.connectionAborted = reason;
  if (detectedBy) state.outcome.tamperDetectedBy ??= detectedBy;
  for (const e of heldEnvelopes(state)) e.status = 'dropped';
  log(state, 'engine', `Connection closed: ${reason}`);
  endRound(state);
}

/** After the data exchange or an abort: once the move is made, the round goes to its aftermath (see flow.ts). */
export function endRound(state: TableState): void {
  state.closing = true;
}

/** Points that depend on the whole round, awarded once, on entering the debrief. */
export function tallyRound(state: TableState): void {
  const o = state.outcome;
  if (o.secretReadBy.includes('eavesdropper')) {
    award(state, 'eavesdropper', POINTS.eavesdropperReadSecret, 'Read the client’s login.');
    award(state, 'client', POINTS.clientSecretLeaked, 'The login was read by the eavesdropper.');
  } else if (o.sessionCompleted) {
    award(state, 'client', POINTS.clientSecureSession, 'Completed a secure session: the login stayed private.');
  }
  if (o.replyDelivered) award(state, 'server', POINTS.serverServed, 'Served the request correctly.');
  if (o.sniSeenBy.includes('eavesdropper') && !o.secretReadBy.includes('eavesdropper'))
    award(
      state,
      'eavesdropper',
      POINTS.eavesdropperLearnedSiteName,
      `Learned which site was visited (${state.scenario.world.siteName}) from the clear-text server name.`,
    );
}
