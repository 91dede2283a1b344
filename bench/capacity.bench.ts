/**
 * Server capacity: N headless players (@colyseus/sdk 0.18 clients, each choosing moves from its own view) in
 * tables of four play rounds back to back against one server process, for rising N. Per N it prints players,
 * moves/s, move-to-update latency percentiles, the server's CPU and memory (read from /proc), and errors;
 * then the same load against a bare Colyseus echo room, and our throughput as a ratio of the echo's.
 * Run: `pnpm bench:capacity` (options: --levels 4,20,40 --seconds 10 --think-ms 0 --cpu-prof). @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchTableSettings } from './capacity/benchSettings.ts';
import type { MoveCpuReport, MoveCpuRequest } from './capacity/moveCpu.ts';
import { seatEchoTable, seatHandshakeTable, type Table, Tally } from './capacity/players.ts';

const { values: args } = parseArgs({
  options: {
    levels: { type: 'string', default: '4,20,40,100,200,400' },
    seconds: { type: 'string', default: '10' },
    'warmup-seconds': { type: 'string', default: '3' },
    'think-ms': { type: 'string', default: '0' },
    'cpu-prof': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const LEVELS = args.levels.split(',').map(Number);
const MEASURE_MS = Number(args.seconds) * 1000;
const WARMUP_MS = Number(args['warmup-seconds']) * 1000;
const THINK_MS = Number(args['think-ms']);
const KINDS = (args.only ? [args.only] : ['table', 'echo']) as Kind[];
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
type Kind = 'table' | 'echo';

interface ServerUnderLoad {
  child: ChildProcess;
  httpUrl: string;
  stop: () => Promise<void>;
}

/** Where --cpu-prof leaves the server's profiles (open them in Chrome DevTools). */
const PROFILE_DIR = join(tmpdir(), 'handshake-capacity-profiles');
/** A server that has not said `ready` by then has failed to start (tsx compiles it first: seconds on a busy machine). */
const SERVER_START_TIMEOUT_MS = 60_000;
/** @colyseus/tools loads .env files and says so on every start. */
const DOTENV_NOTICE = /^.*injected env.*\n/gm;
/** How much of a failed server's stderr the bench's error quotes. */
const STDERR_TAIL_CHARS = 2_000;

/** Starts the server under load on a port the OS picks; rejects with the child's own error if it does not start. */
async function startServerProcess(kind: Kind): Promise<ServerUnderLoad> {
  const profile = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', 'capacity/serverProcess.ts', kind, String(THINK_MS)],
    { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString().replace(DOTENV_NOTICE, '');
    stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
    process.stderr.write(text);
  });
  const failed = (why: string) => new Error(`the ${kind} server ${why}${stderr ? `:\n${stderr.trimEnd()}` : ''}`);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(failed(`did not start within ${SERVER_START_TIMEOUT_MS / 1000} s`));
    }, SERVER_START_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(failed(`could not be spawned (${error.message})`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(failed(`exited with ${code ?? signal} before it was ready`));
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /ready (\d+)/.exec(stdout);
      if (ready) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    });
  });
  let stopping = false;
  child.removeAllListeners('exit');
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${failed(`exited with ${code ?? signal} during the level`).message}`);
      process.exit(1);
    }
  });
  return {
    child,
    httpUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        stopping = true;
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

/** Asks the server for the CPU it spent per validated move since `start`. */
function moveCpuReport(child: ChildProcess): Promise<MoveCpuReport> {
  return new Promise((resolve) => {
    const answer = (message: { moveCpuReport?: MoveCpuReport }) => {
      if (!message?.moveCpuReport) return;
      child.off('message', answer);
      resolve(message.moveCpuReport);
    };
    child.on('message', answer);
    child.send({ moveCpu: 'report' } satisfies MoveCpuRequest);
  });
}

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat fields 14 and 15. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Nanoseconds the process has spent waiting for a core while ready to run (/proc/<pid>/schedstat, field 2). */
function runQueueWaitSeconds(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'latin1').split(' ')[1]) / 1e9;
}

/** Resident memory now and at its peak, in MB, from /proc/<pid>/status. */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface LevelResult {
  kind: Kind;
  players: number;
  /** Wall time from the first table's creation to the last connection's join. */
  joinSeconds: number;
  movesPerSecond: number;
  roundsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  serverCpuPercent: number;
  /** Server CPU time per acknowledged move (mean over the window: all its work, bots and timers included). */
  serverCpuMsPerMove: number;
  /** The server's CPU time while it handled one validated move, message in to views out: median and 90th percentile. */
  moveCpuMedianMs: number;
  moveCpuP90Ms: number;
  /** Bytes the connections of all tables received per acknowledged move (a table's five connections for `table`): on the wire, and as messages. */
  wireBytesPerMove: number;
  bytesPerMove: number;
  /** Time the server was ready to run but every core was busy with other processes, per wall second. */
  serverWaitPercent: number;
  rssMb: number;
  peakRssMb: number;
  loadCpuPercent: number;
  errors: number;
  errorKinds: string;
  refused: number;
  stuck: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Tables seated at once, as a class arriving would. */
const JOIN_BATCH_TABLES = 10;

async function seatAll(kind: Kind, server: ServerUnderLoad, players: number, tally: Tally, closing: { done: boolean }) {
  const seat = kind === 'table' ? seatHandshakeTable : seatEchoTable;
  const tables: Table[] = [];
  for (let i = 0; i < players / 4; i += JOIN_BATCH_TABLES) {
    const batch = Math.min(JOIN_BATCH_TABLES, players / 4 - i);
    const seated = await Promise.allSettled(
      Array.from({ length: batch }, () => seat(server.httpUrl, tally, THINK_MS, closing)),
    );
    for (const s of seated) {
      if (s.status === 'fulfilled') tables.push(s.value);
      else tally.error(`join failed: ${String((s.reason as Error)?.message ?? s.reason).slice(0, 120)}`);
    }
  }
  return tables;
}

async function runLevel(kind: Kind, players: number): Promise<LevelResult> {
  const server = await startServerProcess(kind);
  const pid = server.child.pid!;
  const tally = new Tally();
  const closing = { done: false };
  const joinStarted = performance.now();
  const tables = await seatAll(kind, server, players, tally, closing);
  // The window opens only once every player has joined (or failed to: that is an error of the level).
  const joinSeconds = (performance.now() - joinStarted) / 1000;
  for (const table of tables) table.start();
  await pause(WARMUP_MS);

  tally.start();
  server.child.send({ moveCpu: 'start' } satisfies MoveCpuRequest);
  const cpuBefore = cpuSeconds(pid);
  const waitBefore = runQueueWaitSeconds(pid);
  const loadBefore = process.cpuUsage();
  const started = performance.now();
  await pause(MEASURE_MS);
  const seconds = (performance.now() - started) / 1000;
  const serverCpuSeconds = cpuSeconds(pid) - cpuBefore;
  const wireBytes = tally.wireBytes();
  const moveCpu = await moveCpuReport(server.child);
  const serverWaitPercent = ((runQueueWaitSeconds(pid) - waitBefore) / seconds) * 100;
  const load = process.cpuUsage(loadBefore);
  const memory = memoryMb(pid);
  tally.measuring = false;
  const latencies = [...tally.latenciesMs].sort((a, b) => a - b);

  closing.done = true;
  await Promise.allSettled(tables.flatMap((t) => t.rooms.map((room) => room.leave(true))));
  await server.stop();
  return {
    kind,
    players,
    joinSeconds,
    movesPerSecond: tally.moves / seconds,
    roundsPerSecond: tally.rounds / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    serverCpuPercent: (serverCpuSeconds / seconds) * 100,
    serverCpuMsPerMove: (serverCpuSeconds * 1000) / tally.moves,
    moveCpuMedianMs: moveCpu.medianMs,
    moveCpuP90Ms: moveCpu.p90Ms,
    wireBytesPerMove: wireBytes / tally.moves,
    bytesPerMove: tally.bytesReceived / tally.moves,
    serverWaitPercent,
    rssMb: memory.rss,
    peakRssMb: memory.peak,
    loadCpuPercent: ((load.user + load.system) / 1e6 / seconds) * 100,
    errors: tally.errors,
    errorKinds: [...tally.errorKinds].map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'none',
    refused: tally.refused,
    stuck: tally.stuck,
  };
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Column widths of the results table, in the order of its header. */
const WIDTHS = [6, 7, 6, 8, 8, 7, 7, 7, 8, 9, 9, 9, 9, 8, 9, 6, 9, 6, 7];

function printRow(cells: string[]): void {
  const widths = WIDTHS;
  console.log(`| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`);
}

async function main(): Promise<void> {
  console.log('Handshake server capacity benchmark');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(`command:  pnpm bench:capacity ${process.argv.slice(2).join(' ')}`.trimEnd());
  console.log(`machine:  ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
  console.log(
    `load avg: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (1/5/15 min, before the run; other processes share the cores)`,
  );
  console.log(
    `load:     tables of 4 players, think time ${THINK_MS} ms, warm-up ${WARMUP_MS / 1000} s, measured ${MEASURE_MS / 1000} s per level; ` +
      `server settings ${JSON.stringify(benchTableSettings(THINK_MS))}; scenario: the host's default (first) scenario and mode`,
  );
  console.log('');
  printRow([
    'server',
    'players',
    'join s',
    'moves/s',
    'rounds/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'srv CPU%',
    'CPU ms/mv',
    'move p50',
    'move p90',
    'wire B/mv',
    'msg B/mv',
    'srv wait%',
    'RSS MB',
    'load CPU%',
    'errors',
    'refused',
  ]);
  printRow(WIDTHS.map((w) => '-'.repeat(w)));
  const results: LevelResult[] = [];
  for (const players of LEVELS) {
    for (const kind of KINDS) {
      const r = await runLevel(kind, players);
      results.push(r);
      printRow([
        kind,
        String(r.players),
        fmt(r.joinSeconds, 1),
        fmt(r.movesPerSecond, 1),
        kind === 'table' ? fmt(r.roundsPerSecond, 2) : '',
        fmt(r.p50, 1),
        fmt(r.p95, 1),
        fmt(r.p99, 1),
        fmt(r.serverCpuPercent),
        fmt(r.serverCpuMsPerMove, 2),
        kind === 'table' ? fmt(r.moveCpuMedianMs, 2) : '',
        kind === 'table' ? fmt(r.moveCpuP90Ms, 2) : '',
        fmt(r.wireBytesPerMove),
        fmt(r.bytesPerMove),
        fmt(r.serverWaitPercent),
        fmt(r.rssMb),
        fmt(r.loadCpuPercent),
        String(r.errors),
        kind === 'table' ? `${r.refused}/${r.stuck}` : '',
      ]);
      console.log(`  errors at ${r.players} (${kind}) by kind: ${r.errorKinds}`);
    }
  }
  if (KINDS.length === 2) {
    console.log('');
    console.log('Handshake throughput as a share of the echo room’s, at the same load:');
    for (const players of LEVELS) {
      const table = results.find((r) => r.kind === 'table' && r.players === players)!;
      const echo = results.find((r) => r.kind === 'echo' && r.players === players)!;
      console.log(
        `  ${String(players).padStart(4)} players: ${fmt(table.movesPerSecond, 1)} / ${fmt(echo.movesPerSecond, 1)} moves/s = ${fmt((table.movesPerSecond / echo.movesPerSecond) * 100, 1)} %`,
      );
    }
  }
  const tables = results.filter((r) => r.kind === 'table');
  if (tables.length > 0) {
    console.log('');
    console.log('What one free core would serve, from the server’s CPU time (an estimate: 1000 / CPU ms per move):');
    for (const r of tables) {
      console.log(
        `  ${String(r.players).padStart(4)} players: ${fmt(1000 / r.serverCpuMsPerMove)} moves/s (all its work), ` +
          `${fmt(1000 / r.moveCpuMedianMs)} at the median move's cost; measured ${fmt(r.movesPerSecond, 1)} with the server waiting ${fmt(r.serverWaitPercent)} %`,
      );
    }
  }
  console.log('');
  console.log(
    `load avg after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    'join s: from the first table created to the last connection joined (the window opens after it); ' +
      'moves/s: moves acknowledged (the mover got the next version) per second; latency: move sent → mover’s next view; ' +
      'srv CPU%: server process user+system time / wall time (100 % = one core); CPU ms/mv: that time per acknowledged move ' +
      "(mean: bots, timers and round starts included); move p50/p90: the server process's CPU ms while it handled one validated move, " +
      "message in to views sent (median, 90th percentile; server-side, per move); wire B/mv: TCP bytes all connections received per acknowledged move (WebSocket frames as they travelled); msg B/mv: the messages' own bytes " +
      '(a Handshake table has five: four players and a spectator; the echo room four); srv wait%: time the server was ' +
      'ready to run but waited for a core (/proc/<pid>/schedstat), per wall time: other processes on the machine (over 100 % when several of its threads wait); RSS at the end of the level; ' +
      'load CPU%: this process (all the clients); refused: moves the view-driven players tried that the engine refused ' +
      '(they then try their next choice) / steps they had no move for; errors: unexpected closes, failed joins, server errors.',
  );
}

await main();
