/** The round's flow: after each move, the engine follows the transition table in phases.ts. @module */
import type { ServerState } from '../tls13/server.ts';
import { heldEnvelopes } from './context.ts';
import { fallBackOnSelfSigned } from './moves/certificate.ts';
import { type MoveType, movesFor } from './moves/index.ts';
import { type Condition, type EntryEffect, ON_ENTRY, TRANSITIONS } from './phases.ts';
import type { PhaseId, TableState } from './state.ts';
import { ROLES, type Role } from './types.ts';
import { serverConn } from './world/connections.ts';
import { tallyRound } from './world/roundEnd.ts';
import { endpoint } from './world/sessions.ts';

const CONDITIONS: Record<Condition, (state: TableState) => boolean> = {
  someoneStillToAsk: (state) => awaitingFor(state).length > 0,
  requestSubmitted: (state) => state.requests.some((q) => q.status === 'submitted'),
  requestChallenged: (state) => state.requests.some((q) => q.status === 'challenged'),
  requestAnswered: (state) => state.requests.some((q) => q.status === 'answered'),
  https: (state) => state.choices.scheme === 'https',
  classic: (state) => state.mode === 'tls12-rsa',
  impersonating: (state) => state.choices.impersonating !== null,
  downgraded: (state) => endpoint<ServerState>(state, 'server', serverConn(state))?.phase === 'DOWNGRADED_TLS12',
  nothingHeld: (state) => heldEnvelopes(state).length === 0,
};

const ENTRY_EFFECTS: Record<EntryEffect, (state: TableState) => void> = {
  serverSelfSignsIfRefused: fallBackOnSelfSigned,
};

/** Takes the round on after an accepted move of type `type`: to the aftermath if it ended, else along the table. */
export function advance(state: TableState, type: MoveType): void {
  if (state.closing) {
    closeRound(state);
    return;
  }
  const row = TRANSITIONS[state.phase].find(
    (t) => (t.on === undefined || t.on === type) && (t.when ?? []).every((c) => CONDITIONS[c](state)),
  );
  // A move the phase table lets through but that leads nowhere is an engine bug: applyMove refuses it.
  if (!row) throw new Error(`no way out of ${state.phase} after ${type}`);
  enter(state, row.to === 'resume' ? state.resumePhase! : row.to);
}

/** The connection closed or the exchange finished: held envelopes are lost, then the leak (if any), then the debrief. */
function closeRound(state: TableState): void {
  state.closing = false;
  for (const e of heldEnvelopes(state)) e.status = 'dropped';
  if (state.scenario.world.keyLeaksAfterRound && state.outcome.leakDecrypted === null && state.phase !== 'leak')
    enter(state, 'leak');
  else enter(state, 'debrief');
}

/** Enters `phase`, or 'intercept' first while the eavesdropper holds envelopes; a new phase starts a new step. */
function enter(state: TableState, phase: PhaseId): void {
  const before = state.phase;
  const effect = ON_ENTRY[phase];
  if (effect && phase !== before) ENTRY_EFFECTS[effect](state);
  if (phase === 'debrief' && heldEnvelopes(state).length === 0) tallyRound(state);
  if (heldEnvelopes(state).length > 0) {
    state.resumePhase = phase === 'intercept' ? state.resumePhase : phase;
    state.phase = 'intercept';
  } else {
    state.phase = phase;
    state.resumePhase = null;
  }
  // The next move is made at version + 1: a new step starts there.
  if (state.phase !== before) state.stepSince = state.version + 1;
  state.awaiting = awaitingFor(state);
}

/** Who must act now: the roles the phase gives moves to, narrowed by what is still open. */
export function awaitingFor(state: TableState): Role[] {
  const roles = ROLES.filter((r) => movesFor(state.phase, r).length > 0);
  switch (state.phase) {
    case 'certificate-request':
      return roles.filter(
        (r) =>
          !state.requests.some((q) => q.requester === r) &&
          !state.history.some((h) => h.role === r && h.move.type === 'skipCertificate'),
      );
    case 'certificate-answer':
      return roles.filter((r) => state.requests.some((q) => q.requester === r && q.status === 'challenged'));
    default:
      return roles;
  }
}
