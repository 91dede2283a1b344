import { describe, expect, it } from 'vitest';
import { botMove } from './bots.ts';
import { applyMove } from './engine.ts';
import { hintFor } from './hints.ts';
import { initialState } from './initial.ts';
import { legalMoves } from './legal.ts';
import { SCENARIOS } from './scenarios.ts';
import { totals } from './scoring.ts';
import type { TableState } from './state.ts';
import { ROLES, type Role } from './types.ts';

const seed = new Uint8Array(32).fill(7);

/** Plays a round where `student` follows every level-2 hint and bots hold the other seats; checks each hint on the way. */
function followHints(
  scenarioId: string,
  mode: TableState['mode'],
  student: Role,
): { state: TableState; hints: number } {
  let state = initialState({ scenarioId, mode, seed, rsaBits: 1024 });
  let hints = 0;
  for (let i = 0; i < 200 && state.phase !== 'debrief'; i++) {
    for (const r of ROLES) if (!state.awaiting.includes(r)) expect(hintFor(state, r, 1)).toBeNull();
    const role = ROLES.find((r) => state.awaiting.includes(r))!;
    let input = botMove(state, role);
    if (role === student) {
      const concept = hintFor(state, role, 1);
      expect(concept?.text, `${scenarioId} ${state.phase}`).toMatch(/\w{3,}.*\./);
      expect(concept?.move).toBeNull();
      expect(concept?.label).toBeNull();
      const action = hintFor(state, role, 2);
      expect(action?.text, `${scenarioId} ${state.phase}`).toMatch(/\w{3,}/);
      expect(action?.text).not.toBe(concept?.text);
      // The action names a move the panel offers, by the label on its button.
      expect(legalMoves(state, role).map((m) => m.label)).toContain(action?.label);
      input = action!.move;
      hints++;
    }
    const result = applyMove(state, role, input);
    expect(result.ok, `${scenarioId} ${mode} ${role} ${state.phase}: ${JSON.stringify(input)}`).toBe(true);
    if (result.ok) state = result.value;
  }
  return { state, hints };
}

describe('hints', () => {
  for (const scenario of SCENARIOS)
    for (const mode of scenario.modes)
      it(`${scenario.id} (${mode}): every awaited step of every role has a concept and a legal action`, () => {
        for (const role of scenario.roles) {
          const { state, hints } = followHints(scenario.id, mode, role);
          expect(state.phase).toBe('debrief');
          expect(hints, role).toBeGreaterThan(0);
        }
      });

  it('names the failing check as the action when the certificate is for the wrong name', () => {
    let state = initialState({ scenarioId: 'wrong-name', seed });
    while (state.phase !== 'client-verify') {
      const role = ROLES.find((r) => state.awaiting.includes(r))!;
      const result = applyMove(state, role, botMove(state, role));
      if (!result.ok) throw new Error(result.error.message);
      state = result.value;
    }
    expect(hintFor(state, 'client', 1)?.text).toMatch(/names inside the certificate/);
    const action = hintFor(state, 'client', 2)!;
    expect(action.text).toBe('Abort the connection: the certificate’s name doesn’t match the address bar.');
    expect(action.move?.move).toEqual({ type: 'abortConnection', reason: 'NAME_MISMATCH' });
  });

  it('advises https even where the scenario’s user types the name without it', () => {
    const state = initialState({ scenarioId: 'ssl-stripping', seed });
    let at = state;
    while (!at.awaiting.includes('client')) {
      const role = ROLES.find((r) => at.awaiting.includes(r))!;
      const result = applyMove(at, role, botMove(at, role));
      if (!result.ok) throw new Error(result.error.message);
      at = result.value;
    }
    expect(botMove(at, 'client')?.move).toEqual({ type: 'connect', scheme: 'http' });
    expect(hintFor(at, 'client', 2)?.move?.move).toEqual({ type: 'connect', scheme: 'https' });
    expect(hintFor(at, 'client', 1)?.text).toMatch(/without https:\/\//);
  });

  it('explains classic key derivation from the randoms and the pre-master secret', () => {
    const { state } = followHints('happy-path', 'tls12-rsa', 'client');
    const derive = state.history.find((h) => h.role === 'client' && h.move.type === 'deriveSessionKeys');
    expect(derive).toBeDefined();
    let at = initialState({ scenarioId: 'happy-path', mode: 'tls12-rsa', seed, rsaBits: 1024 });
    for (const h of state.history.slice(0, state.history.indexOf(derive!))) {
      const result = applyMove(at, h.role, { version: h.version, move: h.move });
      if (!result.ok) throw new Error(result.error.message);
      at = result.value;
    }
    expect(hintFor(at, 'client', 1)?.text).toMatch(/pre-master secret and both randoms/);
  });

  it('never advises a CA to mis-issue, even in the careless-CA scenario', () => {
    const { state } = followHints('careless-ca', 'tls13', 'ca');
    expect(state.outcome.misIssued).toBe(false);
    expect(state.requests.find((q) => q.requester === 'eavesdropper')?.status).toBe('refused');
    expect(totals(state.scores).ca).toBeGreaterThan(0);
  });
});
