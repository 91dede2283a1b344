/**
 * Every connection, recorded byte for byte at the socket, carries only what its holder may know: before the debrief
 * reveals them, a player's connection never carries — raw, hex or base64 — a byte string of the round's state its
 * role may not know (other roles' pockets, endpoint key shares and traffic secrets, private keys, the seed), and a
 * spectator's carries none that is not public. Every scenario, every protocol mode.
 * A seated student who also opens a spectator tab (each case a different role) finds nothing there that
 * their own seat may not see: no secret, no envelope and no certificate request their seat's views lack.
 */
import {
  applyViewPatch,
  ROLES,
  type Role,
  SCENARIOS,
  type ServerToClientViewPatch,
  type TableState,
  VIEW_PATCH_MESSAGE,
} from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, type Player, playRound, startServer, type TestServer, until } from './helpers.ts';
import {
  type Frame,
  type RecordingProxy,
  recordedWebsockets,
  recordingProxy,
  roomMessage,
  secretSearch,
  secretsIn,
} from './wire.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

interface Recorded {
  player: Player;
  proxy: RecordingProxy;
}

/** Joins through a recording proxy, so the test holds every byte this connection received. */
async function joinRecorded(code: string, options: object): Promise<Recorded> {
  const proxy = await recordingProxy(server.port);
  const player = await joinTable(server.httpUrl, code, options, proxy.url);
  return { player, proxy };
}

/** The frames of the one WebSocket connection made through the proxy. */
function framesOf({ proxy }: Recorded): Frame[] {
  const websockets = recordedWebsockets(proxy);
  expect(websockets).toHaveLength(1);
  return websockets[0]!;
}

/** The message that reveals the debrief: a whole view in it, or the patch that moves the view into it. */
const isDebriefView = (frame: Frame) => {
  const message = roomMessage(frame);
  if (message?.type === 'view') return (message.message as { phase?: string }).phase === 'debrief';
  if (message?.type !== VIEW_PATCH_MESSAGE) return false;
  const { ops } = message.message as ServerToClientViewPatch;
  return ops.some((op) => op.op === 'set' && op.path.join() === 'phase' && op.value === 'debrief');
};

/** The debrief reveals every pocket by design; everything before it must not. */
const beforeDebrief = (frames: Frame[]) => frames.filter((frame) => !isDebriefView(frame));

/** What each role holds over the round that is not public: its own secrets, and those it learned for real. */
function secretsByRole(rounds: TableState[]): Map<Role, Uint8Array[]> {
  return new Map(ROLES.map((role) => [role, secretSearch(rounds, role).held.map((s) => s.bytes)]));
}

/** What must never reach a connection before the debrief: every byte string of the round its holder may not know. */
function mustNotReach(rounds: TableState[], viewer: Role | 'spectator'): Uint8Array[] {
  const { secrets, unclassified } = secretSearch(rounds, viewer);
  expect(unclassified, 'byte fields PLACES in secretsTestkit.ts does not classify').toEqual([]);
  return secrets.map((s) => s.bytes);
}

/** Per case: a whole round with four recorded players; generous for a loaded machine running the whole suite. */
const CASE_TIMEOUT_MS = 90_000;

const cases = SCENARIOS.flatMap((scenario) => scenario.modes.map((mode) => ({ id: scenario.id, mode }))).map(
  (c, i) => ({ ...c, peeker: ROLES[i % ROLES.length]! }),
);

/** Envelope and request ids in the views a connection received before the debrief (whole views and patches). */
function idsSeen(frames: Frame[]): { envelopes: Set<string>; requests: Set<string> } {
  type Seen = { version: number; envelopes: { id: unknown }[]; requests: { id: unknown }[] };
  const envelopes = new Set<string>();
  const requests = new Set<string>();
  let view: Seen | null = null;
  for (const frame of beforeDebrief(frames)) {
    const message = roomMessage(frame);
    if (message?.type === 'view') view = message.message as Seen;
    else if (message?.type === VIEW_PATCH_MESSAGE && view)
      view = applyViewPatch(view, message.message as ServerToClientViewPatch);
    else continue;
    for (const e of view.envelopes) envelopes.add(String(e.id));
    for (const q of view.requests) requests.add(String(q.id));
  }
  return { envelopes, requests };
}

describe('secrets never reach the wrong connection', () => {
  it.each(cases)(
    '$id ($mode): each role’s socket carries no other role’s secrets; nor does the $peeker’s spectator tab',
    async ({ id, mode, peeker }) => {
      const { code, hostKey } = await createTable(server.httpUrl);
      const seated = new Map<Role, Recorded>();
      for (const role of ROLES) {
        seated.set(
          role,
          await joinRecorded(code, { nickname: `P-${role}`, role, hostKey: role === 'client' ? hostKey : undefined }),
        );
      }
      const projector = await joinRecorded(code, { nickname: 'Projector', spectate: true });
      const peek = await joinRecorded(code, { nickname: `P-${peeker}-tab2`, spectate: true });
      const everyone = [...seated.values(), projector, peek];
      const host = seated.get('client')!.player;
      await until(() => ROLES.every((r) => host.room.state.seats.get(r)?.sessionId !== ''), 'all four seats taken');
      host.send('configure', { scenarioId: id, mode });
      await until(() => host.room.state.scenarioId === id && host.room.state.mode === mode, 'the scenario');
      host.send('start');
      await until(() => host.room.state.round === 1, 'the round to start');
      await playRound(
        server,
        code,
        ROLES.map((role) => seated.get(role)!.player),
      );
      for (const { player } of everyone) {
        await until(() => player.views.some((v) => (v as { phase: string }).phase === 'debrief'), 'the debrief view');
      }

      const rounds = server.rounds.get(code)!;
      const secrets = secretsByRole(rounds);
      // The search covers the whole state, not only pockets: once a connection is made, its endpoints' secrets.
      const connected = (round: TableState) => Object.keys(round.endpoints).length > 0;
      const places = secretSearch(rounds, 'spectator').secrets.flatMap((s) => s.places);
      expect(places.some((place) => place.startsWith('endpoints.'))).toBe(rounds.some(connected));
      for (const role of ROLES) {
        const recorded = seated.get(role)!;
        const frames = framesOf(recorded);
        // The recording works: views (whole, then patches) went through it, and so did this role's own secrets.
        expect(frames.filter((f) => roomMessage(f)?.type === 'view').length).toBeGreaterThan(0);
        expect(frames.filter((f) => roomMessage(f)?.type === VIEW_PATCH_MESSAGE).length).toBeGreaterThan(1);
        if (secrets.get(role)!.length > 0) expect(secretsIn(frames, secrets.get(role)!).length).toBeGreaterThan(0);
        expect({ role, leaks: secretsIn(beforeDebrief(frames), mustNotReach(rounds, role)) }).toEqual({
          role,
          leaks: [],
        });
      }
      const everySecret = mustNotReach(rounds, 'spectator');
      expect(secretsIn(beforeDebrief(framesOf(projector)), everySecret)).toEqual([]);

      // The seated student's spectator tab: nothing their seat may not see.
      const peekFrames = framesOf(peek);
      expect(secretsIn(beforeDebrief(peekFrames), mustNotReach(rounds, peeker))).toEqual([]);
      const own = idsSeen(framesOf(seated.get(peeker)!));
      const peeked = idsSeen(peekFrames);
      expect({ peeker, envelopes: [...peeked.envelopes].filter((e) => !own.envelopes.has(e)) }).toEqual({
        peeker,
        envelopes: [],
      });
      expect({ peeker, requests: [...peeked.requests].filter((q) => !own.requests.has(q)) }).toEqual({
        peeker,
        requests: [],
      });

      await Promise.all(everyone.map(({ player }) => player.leave()));
      await Promise.all(everyone.map(({ proxy }) => proxy.close()));
    },
    CASE_TIMEOUT_MS,
  );
});
