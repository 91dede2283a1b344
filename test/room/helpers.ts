/** A real server on an ephemeral port, and players that join it over real WebSockets with @colyseus/sdk. @module */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { boot, type ColyseusTestServer } from '@colyseus/testing';
import { createAppConfig, type ServerSettingsOverrides } from '@handshake/server';
import type { PublicTable } from '@handshake/server/schema';
import {
  applyViewPatch,
  botMove,
  PROTOCOL_VERSION,
  type Role,
  type ServerToClientRejected,
  type ServerToClientViewPatch,
  type TableJoinOptions,
  type TableState,
  VIEW_PATCH_MESSAGE,
} from '@handshake/shared';

export interface TestServer {
  httpUrl: string;
  port: number;
  /** Every engine state each table adopted, by table code (captured server-side, never sent). */
  rounds: Map<string, TableState[]>;
  logs: string[];
  colyseus: ColyseusTestServer;
  close: () => Promise<void>;
}

/** A fresh SQLite file for one test server's class results. */
export function tempDatabasePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'handshake-class-')), 'results.sqlite');
}

/** Fast timings for tests: bots move at once; people have a long step limit unless a test shortens it. */
export async function startServer(overrides: ServerSettingsOverrides = {}): Promise<TestServer> {
  const rounds = new Map<string, TableState[]>();
  const logs: string[] = [];
  const config = createAppConfig({
    joinAttemptsPerMinute: 1_000,
    tablesCreatedPerMinute: 1_000,
    // Tests probe wrong codes and passwords on purpose; the limits on guessing have their own test (limits.test.ts).
    joinAttemptsPerCodePerMinute: 10_000,
    failedLookupsPerMinute: 10_000,
    globalFailedLookupsPerMinute: 10_000,
    passwordFailuresPerMinute: 10_000,
    globalPasswordFailuresPerMinute: 10_000,
    wrongPasswordDelayMs: 0,
    log: (line) => logs.push(line),
    ...overrides,
    // Never the default file: `pnpm start` after `pnpm test` would resume a test's class.
    classes: { databasePath: tempDatabasePath(), ...overrides.classes },
    table: {
      botMoveDelayMs: 0,
      // Tests start rounds back to back; the start limit has its own test (startFlood.test.ts).
      startsPerMinute: 1_000,
      observeRound: (code, round) => rounds.set(code, [...(rounds.get(code) ?? []), round]),
      ...overrides.table,
    },
  });
  const colyseus = await boot(config, 0);
  const address = colyseus.server.transport.server?.address() as AddressInfo;
  return {
    httpUrl: `http://127.0.0.1:${address.port}`,
    port: address.port,
    rounds,
    logs,
    colyseus,
    close: () => colyseus.shutdown(),
  };
}

export async function createTable(httpUrl: string): Promise<{ code: string; hostKey: string }> {
  const response = await fetch(`${httpUrl}/api/tables`, { method: 'POST' });
  if (response.status !== 201) throw new Error(`creating a table answered ${response.status}`);
  return (await response.json()) as { code: string; hostKey: string };
}

/**
 * A join request's body as this build's client sends it: stamped with `PROTOCOL_VERSION`, unless the test
 * names `protocolVersion` itself (to send another version, or none with `protocolVersion: undefined`).
 */
export function asClientSends(body: unknown): unknown {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  return isObject && !('protocolVersion' in body) ? { ...body, protocolVersion: PROTOCOL_VERSION } : body;
}

export function requestJoin(
  httpUrl: string,
  code: string,
  options: Partial<TableJoinOptions> | unknown,
): Promise<Response> {
  return fetch(`${httpUrl}/api/tables/${encodeURIComponent(code)}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(asClientSends(options)),
  });
}

/** A person at the table: their connection and everything the server told them alone. */
export class Player {
  readonly views: unknown[] = [];
  readonly rejections: ServerToClientRejected[] = [];

  constructor(readonly room: Room<unknown, PublicTable>) {
    room.onMessage('view', (view) => this.views.push(view));
    // After a move the server sends what changed; the test keeps each whole view, as the client rebuilds it.
    room.onMessage(VIEW_PATCH_MESSAGE, (patch: ServerToClientViewPatch) =>
      this.views.push(applyViewPatch(this.views.at(-1) as { version: number }, patch)),
    );
    room.onMessage('rejected', (rejected: ServerToClientRejected) => this.rejections.push(rejected));
  }

  get sessionId(): string {
    return this.room.sessionId;
  }

  get lastView(): unknown {
    return this.views.at(-1);
  }

  /** The role this player's seat has, from the synchronised state. */
  get role(): Role | null {
    for (const [role, seat] of this.room.state.seats.entries())
      if (seat.sessionId === this.sessionId) return role as Role;
    return null;
  }

  send(type: string, message?: unknown): void {
    this.room.send(type, message);
  }

  leave(): Promise<number> {
    return this.room.leave(true);
  }
}

/** Cuts the TCP connection under the SDK, as a closed laptop lid or a lost Wi-Fi would. */
export function dropConnection(player: Player, autoReconnect: boolean): void {
  player.room.reconnection.enabled = autoReconnect;
  player.room.reconnection.minUptime = 0;
  player.room.reconnection.minDelay = 10;
  const socket = (player.room.connection.transport as unknown as { ws: { terminate?: () => void; close: () => void } })
    .ws;
  if (socket.terminate) socket.terminate();
  else socket.close();
}

/** Joins by code over HTTP, then connects the SDK to `connectTo` (the server itself, or a proxy in front of it). */
export async function joinTable(
  httpUrl: string,
  code: string,
  options: Partial<TableJoinOptions>,
  connectTo = httpUrl,
): Promise<Player> {
  const response = await requestJoin(httpUrl, code, options);
  const body = (await response.json()) as { reservation?: unknown; error?: { code: string; message: string } };
  if (!response.ok || !body.reservation) throw new Error(`join refused: ${body.error?.code} ${body.error?.message}`);
  const client = new Client(connectTo);
  // biome-ignore lint/suspicious/noExplicitAny: the reservation is the server's JSON, passed through untouched
  const room = await client.consumeSeatReservation<PublicTable>(body.reservation as any);
  const player = new Player(room);
  await until(() => room.state?.seats?.size === 4, 'the table state to arrive');
  return player;
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The latest engine state of a table (read server-side in this process). */
export function latestRound(server: TestServer, code: string): TableState | undefined {
  return server.rounds.get(code)?.at(-1);
}

/**
 * Plays the humans' moves until the round is over (or until `stopWhen` holds for the table's state). Each
 * human's choice is what the engine's bot would choose (read from the server's state in this process), sent
 * over that human's own socket.
 */
export async function playRound(
  server: TestServer,
  code: string,
  players: Player[],
  stopWhen: (round: TableState) => boolean = () => false,
): Promise<void> {
  const watcher = players[0]!;
  // Generous: a classic round on a loaded 2-core machine running the whole suite can take tens of seconds.
  const deadline = Date.now() + 60_000;
  while (watcher.room.state.phase !== 'debrief' && !stopWhen(latestRound(server, code)!)) {
    if (Date.now() > deadline) throw new Error(`round stuck in ${watcher.room.state.phase}`);
    const round = latestRound(server, code)!;
    const mover = players.find(
      (p) => p.role && round.awaiting.includes(p.role) && !watcher.room.state.seats.get(p.role)?.bot,
    );
    if (!mover) {
      await pause(5);
      continue;
    }
    const input = botMove(round, mover.role as Role);
    if (!input) throw new Error(`the engine has no move for ${mover.role} in ${round.phase}`);
    mover.send('move', input);
    await until(() => (latestRound(server, code)?.version ?? 0) > round.version, `the ${mover.role}'s move to land`);
  }
}
