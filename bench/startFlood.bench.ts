/**
 * A start flood against one server process: F hosts send `start` on classic (RSA-2048) tables every 100 ms
 * while P other tables play (one person each, bots in the other seats). Prints the other tables' move latency
 * (move sent → the mover's next view) and the event loop's delay percentiles, without and with the flood;
 * `--in-place` makes the keys on the event loop as before, for comparison.
 * Run: `pnpm --filter @handshake/bench exec tsx startFlood.bench.ts` (options: --flooders 3 --players 4
 * --seconds 10 --in-place). The server runs in this process on a port the OS chooses. @module
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client, type Room } from '@colyseus/sdk';
import { createAppConfig } from '@handshake/server';
import { botMove, type TableState, useRsaKeyMaker } from '@handshake/shared';

const { values: args } = parseArgs({
  options: {
    flooders: { type: 'string', default: '3' },
    players: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '10' },
    'in-place': { type: 'boolean', default: false },
  },
});
const FLOODERS = Number(args.flooders);
const PLAYERS = Number(args.players);
const MEASURE_MS = Number(args.seconds) * 1000;
const FLOOD_INTERVAL_MS = 100;

interface ColyseusTools {
  default: (options: object) => object;
  listen: (options: object, port: number) => Promise<{ transport: { server?: { address(): AddressInfo } } }>;
}

const latest = new Map<string, TableState>();
const requireFromServer = createRequire(import.meta.resolve('@handshake/server'));
const tools = (await import(requireFromServer.resolve('@colyseus/tools'))) as ColyseusTools;
const app = createAppConfig({
  joinAttemptsPerMinute: 1_000_000,
  tablesCreatedPerMinute: 1_000_000,
  log: () => {},
  table: { botMoveDelayMs: 5, stepTimeLimitMs: 60_000, observeRound: (code, round) => latest.set(code, round) },
});
const server = await tools.listen({ ...app, displayLogs: false }, 0);
// After the server's modules load: they install the off-loop key maker, which this undoes.
if (args['in-place']) useRsaKeyMaker(null);
const httpUrl = `http://127.0.0.1:${server.transport.server!.address().port}`;

async function post(path: string, body?: object): Promise<Record<string, unknown>> {
  const response = await fetch(`${httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

async function hostTable(): Promise<{ code: string; room: Room }> {
  const { code, hostKey } = (await post('/api/tables')) as { code: string; hostKey: string };
  const { reservation } = await post(`/api/tables/${code}/join`, { nickname: 'Host', role: 'client', hostKey });
  // biome-ignore lint/suspicious/noExplicitAny: the reservation is the server's JSON, passed through untouched
  const room = await new Client(httpUrl).consumeSeatReservation(reservation as any);
  return { code, room };
}

/** A person who moves as soon as it is their turn and restarts after each debrief; logs each move's latency. */
async function player(latencies: number[], running: { on: boolean }): Promise<void> {
  const { code, room } = await hostTable();
  let sentAt = 0;
  let sentVersion = -1;
  const act = () => {
    const round = latest.get(code);
    if (!running.on || !round || round.version === sentVersion) return;
    if (round.phase === 'debrief') {
      sentVersion = round.version;
      room.send('start');
      return;
    }
    if (!round.awaiting.includes('client')) return;
    const input = botMove(round, 'client');
    if (!input) return;
    sentVersion = round.version;
    sentAt = performance.now();
    room.send('move', input);
  };
  room.onMessage('view', () => {
    if (sentAt > 0) latencies.push(performance.now() - sentAt);
    sentAt = 0;
    setTimeout(act, 0);
  });
  room.onMessage('rejected', () => setTimeout(act, 0));
  room.send('start');
  const poll = setInterval(act, 20);
  while (running.on) await new Promise((resolve) => setTimeout(resolve, 100));
  clearInterval(poll);
}

async function flooder(refused: { count: number }, running: { on: boolean }): Promise<void> {
  const { room } = await hostTable();
  room.send('configure', { scenarioId: 'self-signed', mode: 'tls12-rsa' });
  room.onMessage('rejected', (r: { code: string }) => {
    if (r.code === 'TOO_MANY_STARTS') refused.count++;
  });
  room.onMessage('view', () => {});
  while (running.on) {
    room.send('start');
    await new Promise((resolve) => setTimeout(resolve, FLOOD_INTERVAL_MS));
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function measure(label: string, flood: boolean, print = true): Promise<void> {
  const latencies: number[] = [];
  const refused = { count: 0 };
  const running = { on: true };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  // A stalled event loop can let a seat reservation expire before it is used: counted, not fatal.
  let failedJoins = 0;
  const counted = (task: Promise<void>) =>
    task.catch(() => {
      failedJoins++;
    });
  const tasks = [
    ...Array.from({ length: PLAYERS }, () => counted(player(latencies, running))),
    ...(flood ? Array.from({ length: FLOODERS }, () => counted(flooder(refused, running))) : []),
  ];
  loop.enable();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  loop.disable();
  running.on = false;
  await Promise.all(tasks);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  if (!print) return;
  console.log(
    `${label.padEnd(22)} moves ${String(latencies.length).padStart(5)}  latency p50 ${percentile(latencies, 50).toFixed(1)} ms` +
      `  p95 ${percentile(latencies, 95).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms` +
      `  | event loop delay p50 ${ms(loop.percentile(50))} ms  p99 ${ms(loop.percentile(99))} ms  max ${ms(loop.max)} ms` +
      (flood ? `  | starts refused ${refused.count}` : '') +
      (failedJoins > 0 ? `  | joins failed ${failedJoins}` : ''),
  );
}

console.log(
  `start flood: ${PLAYERS} playing tables, ${FLOODERS} flooding hosts (start every ${FLOOD_INTERVAL_MS} ms), ` +
    `${MEASURE_MS / 1000} s each, RSA keys ${args['in-place'] ? 'made on the event loop' : 'made on worker threads'}`,
);
// Warm-up (not printed): the first rounds load modules, start the key workers and warm the JIT.
await measure('', true, false);
await measure('no flood', false);
await measure('during a start flood', true);
process.exit(0);
