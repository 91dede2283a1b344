/**
 * The game server's table and the browser's practice table run one lobby reducer (`@handshake/shared`
 * `reduceTable`): the same requests, in the same order, are refused with the same codes on both.
 */
import type { MoveInput, Role } from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalTableSession } from '../../client/src/practice/localTableSession.ts';
import { ManualClock } from '../../client/src/practice/testClock.ts';
import { createTable, joinTable, startServer, type TestServer, until } from './helpers.ts';

/** One request, as a player's browser sends it to either table. */
type Request =
  | { type: 'configure'; scenarioId: string; mode: string }
  | { type: 'pickRole'; role: string | null }
  | { type: 'start' }
  | { type: 'move'; input: MoveInput | ((version: number) => MoveInput) }
  | { type: 'removeSeat'; role: Role };

/** Every request refused, then a start, then refusals in mid-round; each a different reason. */
const REQUESTS: Request[] = [
  { type: 'configure', scenarioId: 'no-such-scenario', mode: 'tls13' },
  { type: 'configure', scenarioId: 'happy-path', mode: 'ssl3' },
  { type: 'pickRole', role: 'king' },
  { type: 'move', input: { version: 0, move: { type: 'connect', scheme: 'https' } } },
  { type: 'removeSeat', role: 'server' },
  { type: 'start' },
  { type: 'pickRole', role: 'server' },
  { type: 'configure', scenarioId: 'downgrade', mode: 'tls13' },
  { type: 'move', input: (version) => ({ version: version + 5, move: { type: 'connect', scheme: 'https' } }) },
  { type: 'move', input: (version) => ({ version, move: { type: 'connect', scheme: 'ftp' } }) as never },
  { type: 'move', input: (version) => ({ version, move: { type: 'trustCertificate' } }) },
];

const EXPECTED = [
  'UNKNOWN_SCENARIO',
  'UNSUPPORTED_MODE',
  'UNKNOWN_ROLE',
  'NO_ROUND',
  'UNKNOWN_PLAYER',
  'ROUND_IN_PROGRESS',
  'ROUND_IN_PROGRESS',
  'STALE_VERSION',
  'MALFORMED_MOVE',
  'WRONG_PHASE',
];

let server: TestServer;
beforeAll(async () => {
  // Bots wait long enough that nothing moves while the requests are answered: both tables stay at version 0.
  server = await startServer({ table: { botMoveDelayMs: 60_000 } });
});
afterAll(() => server.close());

async function serverCodes(): Promise<string[]> {
  const { code, hostKey } = await createTable(server.httpUrl);
  const host = await joinTable(server.httpUrl, code, { nickname: 'Hana', hostKey, role: 'client' });
  await until(() => host.room.state.hostSessionId === host.sessionId, 'the host to be host');
  for (const request of REQUESTS) {
    const answered = host.rejections.length;
    if (request.type === 'configure') host.send('configure', { scenarioId: request.scenarioId, mode: request.mode });
    else if (request.type === 'pickRole') host.send('pickRole', { role: request.role });
    else if (request.type === 'removeSeat') host.send('remove', { sessionId: 'nobody-here' });
    else if (request.type === 'start') {
      host.send('start');
      await until(() => host.views.length > 0, 'the round to start');
      continue;
    } else {
      const version = (host.lastView as { version: number } | undefined)?.version ?? 0;
      host.send('move', typeof request.input === 'function' ? request.input(version) : request.input);
    }
    await until(() => host.rejections.length > answered, `an answer to ${request.type}`);
  }
  await host.leave();
  return host.rejections.map((r) => r.code);
}

function practiceCodes(): string[] {
  const clock = new ManualClock();
  const seed = () => new Uint8Array(32).fill(4);
  const session = new LocalTableSession({
    scenarioId: 'happy-path',
    role: 'client',
    pace: 'step',
    seed,
    schedule: clock.schedule,
  });
  const codes: string[] = [];
  session.onRejected((r) => codes.push(r.code));
  for (const request of REQUESTS) {
    if (request.type === 'configure') session.configure(request.scenarioId, request.mode as never);
    else if (request.type === 'pickRole') session.pickRole(request.role as Role | null);
    else if (request.type === 'removeSeat') session.removeFromSeat(request.role);
    else if (request.type === 'start') {
      session.start();
      clock.runAll(1);
    } else {
      const version = session.snapshot.view?.version ?? 0;
      session.sendMove(typeof request.input === 'function' ? request.input(version) : request.input);
    }
  }
  session.leave();
  return codes;
}

describe('one table lifecycle', () => {
  it('the server’s table and the practice table refuse the same requests with the same codes', async () => {
    const practice = practiceCodes();
    expect(practice).toEqual(EXPECTED);
    expect(await serverCodes()).toEqual(practice);
  });
});
