import { SCENARIOS, totals } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import type { Rejection, TableSnapshot } from '../table/session.ts';
import { BOT_DELAY_MS, LocalTableSession, type Pace } from './localTableSession.ts';
import { ManualClock } from './testClock.ts';

const seed = () => new Uint8Array(32).fill(9);

function table(scenarioId: string, role: 'client' | 'server' | 'ca' | 'eavesdropper' | null, pace: Pace = 'auto') {
  const clock = new ManualClock();
  const session = new LocalTableSession({ scenarioId, role, pace, seed, schedule: clock.schedule });
  const rejections: Rejection[] = [];
  const snapshots: TableSnapshot[] = [];
  session.onRejected((r) => rejections.push(r));
  session.onChange((s) => snapshots.push(s));
  return { clock, session, rejections, snapshots };
}

/** The student plays every step by asking for both hints and sending the advised move. */
function playByHints({ clock, session }: ReturnType<typeof table>): void {
  session.start();
  for (let i = 0; i < 100 && session.snapshot.view?.phase !== 'debrief'; i++) {
    clock.runAll(1);
    const role = session.snapshot.you.role!;
    if (session.snapshot.view?.awaiting.includes(role) && !session.status.botWaiting) {
      expect(session.askHint()?.level).toBe(1);
      const action = session.askHint()!;
      expect(action.level).toBe(2);
      session.sendMove(action.move!);
    }
  }
}

describe('LocalTableSession', () => {
  it('a move by the student while a bot is about to act drops that stale plan instead of stalling the table', () => {
    // The eavesdropper and the server are awaited together at the certificate steps.
    const { clock, session } = table('key-leak', 'eavesdropper');
    session.start();
    clock.runAll(1);
    for (let i = 0; i < 40 && session.snapshot.view?.phase !== 'connect'; i++) {
      const view = session.snapshot.view!;
      if (view.awaiting.includes('eavesdropper') && view.awaiting.includes('server')) {
        expect(clock.pending).toEqual([BOT_DELAY_MS]);
        session.sendMove({ version: view.version, move: view.legalMoves.find((m) => m.move)!.move! });
        // One bot plan, made for the new state.
        expect(clock.pending).toEqual([BOT_DELAY_MS]);
      } else if (view.awaiting.includes('eavesdropper')) {
        session.sendMove({ version: view.version, move: view.legalMoves.find((m) => m.move)!.move! });
      }
      clock.runAll(1);
    }
    expect(session.snapshot.connection).not.toBe('closed');
    expect(session.snapshot.closedReason).toBeNull();
    expect(session.snapshot.view?.phase).not.toMatch(/^certificate/);
  });

  it('is a private table: no code, the student in one seat and bots in the other three', () => {
    const { session } = table('happy-path', 'ca');
    expect(session.snapshot.code).toBeNull();
    expect(session.snapshot.seats.filter((s) => s.bot).map((s) => s.role)).toEqual([
      'client',
      'server',
      'eavesdropper',
    ]);
    expect(session.snapshot.seats.find((s) => s.you)).toMatchObject({ role: 'ca', bot: false });
    expect(session.snapshot.view).toBeNull();
  });

  it('deals off the click, then bots act after a delay in auto pace and wait for the student', () => {
    const { clock, session } = table('happy-path', 'client');
    session.start();
    expect(session.snapshot.view).toBeNull();
    expect(clock.pending).toEqual([0]);
    clock.runAll(1);
    expect(session.snapshot.view?.version).toBe(0);
    expect(session.snapshot.round).toBe(1);
    expect(clock.pending).toEqual([BOT_DELAY_MS]);
    clock.runAll();
    // The certificate step is played by bots; the client's first decision stops the table.
    expect(session.snapshot.view?.phase).toBe('connect');
    expect(session.snapshot.view?.awaiting).toEqual(['client']);
    expect(clock.pending).toEqual([]);
    expect(session.status.botWaiting).toBeNull();
  });

  it('in step pace each bot waits for "next", and the pace can switch mid-round', () => {
    const { clock, session } = table('happy-path', 'client', 'step');
    session.start();
    clock.runAll();
    expect(session.status.botWaiting).toBe('server');
    expect(clock.pending).toEqual([]);
    const before = session.snapshot.view!.version;
    expect(session.next()).toBe(true);
    expect(session.next()).toBe(false);
    expect(session.status).toMatchObject({ busy: true, botWaiting: null });
    expect(clock.pending).toEqual([0]);
    clock.runAll(1);
    expect(session.snapshot.view!.version).toBe(before + 1);
    expect(session.status.botWaiting).toBe('eavesdropper');
    session.setPace('auto');
    expect(clock.pending).toEqual([BOT_DELAY_MS]);
    clock.runAll();
    expect(session.snapshot.view?.phase).toBe('connect');
    session.setPace('step');
    expect(session.next()).toBe(false);
  });

  it('plays a whole round to the debrief for the student who follows the hints, in every seat', () => {
    for (const role of ['client', 'ca', 'eavesdropper', 'server'] as const) {
      const t = table('self-signed', role);
      playByHints(t);
      const state = t.session.state!;
      expect(state.phase, role).toBe('debrief');
      expect(t.session.snapshot.view?.debrief?.lesson).toBe(SCENARIOS.find((s) => s.id === 'self-signed')!.lesson);
      expect(t.session.status.hintsUsed.actions).toBe(t.session.status.hintsUsed.concepts);
      expect(t.session.status.hintsUsed.actions).toBeGreaterThan(0);
      if (role === 'client') expect(totals(state.scores).client).toBeGreaterThan(0);
      expect(t.rejections).toEqual([]);
    }
  });

  it('passes the engine’s rejections on with its code and sentence, and changes nothing', () => {
    const { clock, session, rejections, snapshots } = table('happy-path', 'client');
    session.sendMove({ version: 0, move: { type: 'trustCertificate' } });
    expect(rejections.at(-1)?.code).toBe('NO_ROUND');
    session.start();
    clock.runAll();
    const seen = snapshots.length;
    const view = session.snapshot.view!;
    session.sendMove({ version: view.version, move: { type: 'trustCertificate' } });
    expect(rejections.at(-1)).toMatchObject({ request: 'move', code: 'WRONG_PHASE' });
    expect(rejections.at(-1)?.message).toMatch(/cannot trust the certificate now/);
    session.sendMove({ version: view.version - 1, move: { type: 'connect', scheme: 'https' } });
    expect(rejections.at(-1)?.code).toBe('STALE_VERSION');
    session.sendMove({ version: view.version, move: { type: 'connect', scheme: 'ftp' } } as never);
    expect(rejections.at(-1)?.code).toBe('MALFORMED_MOVE');
    expect(snapshots.length).toBe(seen);
    expect(session.snapshot.view).toBe(view);
  });

  it('asks for the concept first, then the action, counting each once per step', () => {
    const { clock, session } = table('wrong-name', 'client');
    expect(session.askHint()).toBeNull();
    session.start();
    clock.runAll();
    const concept = session.askHint()!;
    const action = session.askHint()!;
    expect(concept.level).toBe(1);
    expect(action.level).toBe(2);
    expect(session.askHint()).toBe(action);
    expect(session.status.hintsUsed).toEqual({ concepts: 1, actions: 1 });
    expect(session.status.hint).toBe(action);
    session.sendMove(action.move!);
    expect(session.status.hint).toBeNull();
  });

  it('changes seats and scenario only between rounds, and only to what the engine offers', () => {
    const { clock, session, rejections } = table('happy-path', 'client');
    session.configure('no-such-scenario', 'tls13');
    expect(rejections.at(-1)?.code).toBe('UNKNOWN_SCENARIO');
    session.configure('downgrade', 'tls13');
    expect(session.snapshot.scenarioId).toBe('downgrade');
    session.start();
    clock.runAll(1);
    session.pickRole('server');
    expect(rejections.at(-1)?.code).toBe('ROUND_IN_PROGRESS');
    expect(session.snapshot.you.role).toBe('client');
  });

  it('a watcher sees the spectator view while bots play every seat', () => {
    const { clock, session } = table('tampered-record', null);
    session.start();
    clock.runAll();
    expect(session.snapshot.view?.viewer).toBe('spectator');
    expect(session.snapshot.view?.phase).toBe('debrief');
  });

  it('leaving closes the table and cancels the waiting bot', () => {
    const { clock, session } = table('happy-path', 'client');
    session.start();
    clock.runAll(1);
    expect(clock.pending.length).toBe(1);
    session.leave();
    expect(clock.pending).toEqual([]);
    expect(session.snapshot.connection).toBe('closed');
    expect(session.snapshot.closedReason).toMatch(/left/);
  });
});
