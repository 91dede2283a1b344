/**
 * Every connection, recorded byte for byte at the socket, carries only what its holder may know: a player's
 * connection never carries another role's secret bytes — raw, hex or base64 — before the debrief reveals them,
 * and a spectator's carries no role's secrets, nor the round's seed. Every scenario, every protocol mode.
 * A seated student who also opens a spectator tab (each case a different role) finds nothing there that
 * their own seat may not see: no secret, no envelope and no certificate request their seat's views lack.
 */
import { ROLES, type Role, SCENARIOS, type TableState } from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, type Player, playRound, startServer, type TestServer, until } from './helpers.ts';
import { type Frame, type RecordingProxy, recordedWebsockets, recordingProxy, roomMessage, secretsIn } from './wire.ts';

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

const isDebriefView = (frame: Frame) => {
  const message = roomMessage(frame);
  return message?.type === 'view' && (message.message as { phase?: string }).phase === 'debrief';
};

/** The debrief reveals every pocket by design; everything before it must not. */
const beforeDebrief = (frames: Frame[]) => frames.filter((frame) => !isDebriefView(frame));

/** Each role's secret items over the whole round up to the debrief (keys appear as the round goes). */
function secretsByRole(rounds: TableState[]): Map<Role, Uint8Array[]> {
  const byRole = new Map<Role, Map<string, Uint8Array>>(ROLES.map((r) => [r, new Map()]));
  for (const round of rounds) {
    if (round.phase === 'debrief') break;
    for (const role of ROLES) {
      for (const item of round.pockets[role]) {
        if (item.secret) byRole.get(role)!.set(Buffer.from(item.bytes).toString('hex'), item.bytes);
      }
    }
  }
  return new Map(ROLES.map((r) => [r, [...byRole.get(r)!.values()]]));
}

/** What `role` must never receive: other roles' secrets, less those it legitimately came to hold itself. */
function othersSecrets(secrets: Map<Role, Uint8Array[]>, role: Role): Uint8Array[] {
  const own = new Set(secrets.get(role)!.map((s) => Buffer.from(s).toString('hex')));
  return ROLES.filter((r) => r !== role)
    .flatMap((r) => secrets.get(r)!)
    .filter((s) => !own.has(Buffer.from(s).toString('hex')));
}

/** Per case: a whole round with four recorded players; generous for a loaded machine running the whole suite. */
const CASE_TIMEOUT_MS = 90_000;

const cases = SCENARIOS.flatMap((scenario) => scenario.modes.map((mode) => ({ id: scenario.id, mode }))).map(
  (c, i) => ({ ...c, peeker: ROLES[i % ROLES.length]! }),
);

/** Envelope and request ids in the views a connection received before the debrief. */
function idsSeen(frames: Frame[]): { envelopes: Set<string>; requests: Set<string> } {
  const envelopes = new Set<string>();
  const requests = new Set<string>();
  for (const frame of beforeDebrief(frames)) {
    const message = roomMessage(frame);
    if (message?.type !== 'view') continue;
    const view = message.message as { envelopes: { id: unknown }[]; requests: { id: unknown }[] };
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
      const seed = rounds[0]!.seed;
      expect(ROLES.some((r) => othersSecrets(secrets, r).length > 0)).toBe(true);
      for (const role of ROLES) {
        const recorded = seated.get(role)!;
        const frames = framesOf(recorded);
        // The recording works: views went through it, and so did this role's own secrets.
        expect(frames.filter((f) => roomMessage(f)?.type === 'view').length).toBeGreaterThan(1);
        if (secrets.get(role)!.length > 0) expect(secretsIn(frames, secrets.get(role)!).length).toBeGreaterThan(0);
        expect({ role, leaks: secretsIn(beforeDebrief(frames), [...othersSecrets(secrets, role), seed]) }).toEqual({
          role,
          leaks: [],
        });
      }
      const everySecret = [...ROLES.flatMap((r) => secrets.get(r)!), seed];
      expect(secretsIn(beforeDebrief(framesOf(projector)), everySecret)).toEqual([]);

      // The seated student's spectator tab: nothing their seat may not see.
      const peekFrames = framesOf(peek);
      expect(secretsIn(beforeDebrief(peekFrames), [...othersSecrets(secrets, peeker), seed])).toEqual([]);
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
