import { applyMove, botMove, initialState, type TableState, viewFor } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { ActionsCtrl } from './ctrl.ts';

/** Plays bots until `role` is asked for a move of `type`. */
function stateAwaiting(role: 'client' | 'server', type: string): TableState {
  let state = initialState({ scenarioId: 'happy-path', mode: 'tls13', seed: new Uint8Array(32).fill(7) });
  for (let i = 0; i < 100; i++) {
    const view = viewFor(state, role);
    if (view.legalMoves.some((m) => m.type === type)) return state;
    const mover = state.awaiting[0]!;
    const result = applyMove(state, mover, botMove(state, mover)!);
    if (!result.ok) throw new Error(result.error.message);
    state = result.value;
  }
  throw new Error(`${role} never got to ${type}`);
}

describe('the action panel controller', () => {
  it('sends a ready move as the engine offered it, against the view’s version', () => {
    const state = stateAwaiting('client', 'connect');
    const sent: unknown[] = [];
    const ctrl = new ActionsCtrl((input) => sent.push(input));
    const view = viewFor(state, 'client');
    const entry = ctrl.entries(view).find((e) => e.legal.type === 'connect')!;
    expect(ctrl.submit(view, entry)).toBe(true);
    expect(sent).toEqual([{ version: view.version, move: entry.legal.move }]);
    expect(applyMove(state, 'client', sent[0]).ok).toBe(true);
  });

  it('explains a missing choice instead of sending, and sends once it is made', () => {
    const state = stateAwaiting('client', 'deriveSessionKeys');
    const sent: unknown[] = [];
    const ctrl = new ActionsCtrl((input) => sent.push(input));
    const view = viewFor(state, 'client');
    const entry = ctrl.entries(view).find((e) => e.legal.type === 'deriveSessionKeys')!;
    expect(ctrl.submit(view, entry)).toBe(false);
    expect(ctrl.problem?.message).toMatch(/Choose at least one: pieces/);
    expect(sent).toEqual([]);
    const pieces = entry.legal.choices![0]!;
    ctrl.choose(entry, pieces, 'client-key-share');
    ctrl.choose(entry, pieces, 'server-key-share');
    ctrl.choose(entry, pieces, 'not-an-option');
    expect(ctrl.submit(view, entry)).toBe(true);
    expect(sent).toEqual([
      { version: view.version, move: { type: 'deriveSessionKeys', pieces: ['client-key-share', 'server-key-share'] } },
    ]);
    expect(applyMove(state, 'client', sent[0]).ok).toBe(true);
  });

  it('offers the pocket’s items as drop targets and a drop fills the same choice as the form', () => {
    const state = stateAwaiting('client', 'sendRequest');
    const ctrl = new ActionsCtrl(() => {});
    const view = viewFor(state, 'client');
    const [target] = ctrl.dropTargets(view);
    expect(target).toMatchObject({ label: 'Lock with', kind: 'one', chosen: [] });
    expect(target!.accepts).toContain('session-keys');
    expect(ctrl.drop(view, target!.id, 'login-secret')).toBe(false);
    expect(ctrl.drop(view, target!.id, 'session-keys')).toBe(true);
    const entry = ctrl.entries(view).find((e) => e.legal.type === 'sendRequest')!;
    expect(ctrl.chosen(entry, entry.legal.choices![0]!)).toEqual(['session-keys']);
    expect(ctrl.dropTargets(view)[0]!.chosen).toEqual(['session-keys']);
  });

  it('forgets drafts when the table moves to a new version', () => {
    const state = stateAwaiting('client', 'sendRequest');
    const ctrl = new ActionsCtrl(() => {});
    const view = viewFor(state, 'client');
    ctrl.sync(view);
    const [target] = ctrl.dropTargets(view);
    ctrl.drop(view, target!.id, 'session-keys');
    ctrl.sync({ ...view, version: view.version + 1 });
    expect(ctrl.dropTargets(view)[0]!.chosen).toEqual([]);
  });
});
