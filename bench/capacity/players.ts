/**
 * Headless players over @colyseus/sdk: a table of four joined by code that plays rounds back to back, each
 * player choosing from its own view; and the same four-seat turn-taking against the echo room. Both record
 * move-to-update latency: from sending a move to the mover's first update with a newer version. @module
 */
import { Client, type Room } from '@colyseus/sdk';
import {
  PROTOCOL_VERSION,
  ReceivedView,
  ROLES,
  type Role,
  type ServerToClientViewPatch,
  type TableView,
  VIEW_PATCH_MESSAGE,
  VIEW_REQUEST_MESSAGE,
} from '@handshake/shared';
import { candidateMoves } from './viewBot.ts';

/** What one level of load counts; reset when the measured window starts. */
export class Tally {
  moves = 0;
  rounds = 0;
  refused = 0;
  errors = 0;
  stuck = 0;
  /** Message bytes (after any decompression) the players' and spectators' connections received while measuring. */
  bytesReceived = 0;
  /** Each connection's TCP bytes received so far (WebSocket frames as they travelled, compressed or not). */
  readonly wireCounters: (() => number)[] = [];
  #wireAtStart = 0;
  latenciesMs: number[] = [];
  measuring = false;
  /** What went wrong, by kind, for the report. */
  readonly errorKinds = new Map<string, number>();

  error(kind: string): void {
    this.errors++;
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
  }

  moved(latencyMs: number): void {
    if (!this.measuring) return;
    this.moves++;
    this.latenciesMs.push(latencyMs);
  }

  /** TCP bytes all connections received since the window opened. */
  wireBytes(): number {
    return this.#sumWire() - this.#wireAtStart;
  }

  #sumWire(): number {
    return this.wireCounters.reduce((sum, read) => sum + read(), 0);
  }

  start(): void {
    this.#wireAtStart = this.#sumWire();
    Object.assign(this, {
      moves: 0,
      rounds: 0,
      refused: 0,
      stuck: 0,
      bytesReceived: 0,
      latenciesMs: [],
      measuring: true,
    });
  }
}

const later = (ms: number, act: () => void) => (ms > 0 ? setTimeout(act, ms) : setImmediate(act));

/** The SDK's transport under a room: its event handlers (`ws` in Node) are where the messages arrive. */
interface TransportEvents {
  events: { onmessage?: (event: { data: ArrayBuffer }) => void };
  ws: { _socket?: { bytesRead: number } };
}

/** A connection of the load: counts the bytes it receives, and an unexpected close as an error. */
function watch(room: Room, tally: Tally, closing: { done: boolean }): void {
  const { events, ws } = room.connection.transport as unknown as TransportEvents;
  const socket = ws._socket; // `ws`'s TCP socket: what really arrived, frames and compression included
  tally.wireCounters.push(() => socket?.bytesRead ?? 0);
  const deliver = events.onmessage;
  events.onmessage = (event) => {
    if (tally.measuring) tally.bytesReceived += event.data.byteLength;
    deliver?.(event);
  };
  room.onLeave((code) => {
    if (!closing.done) tally.error(`closed ${code}`);
  });
  room.onError((code, message) => tally.error(`error ${code} ${message}`));
}

interface Pending {
  version: number;
  sentAt: number;
}

/** A connection's view, as the client keeps it: whole views and patches; a gap is counted as an error. */
function followView(room: Room, tally: Tally): ReceivedView<TableView> {
  return new ReceivedView<TableView>(() => {
    tally.error('patch did not fit the view held (asked for the whole view)');
    room.send(VIEW_REQUEST_MESSAGE);
  });
}

/** One seat at a Handshake table. */
class TablePlayer {
  #pending: Pending | null = null;
  #handled = -1;
  #candidates: ReturnType<typeof candidateMoves> = [];
  #view: TableView | null = null;

  constructor(
    readonly room: Room,
    readonly role: Role,
    readonly isHost: boolean,
    readonly tally: Tally,
    readonly thinkMs: number,
  ) {
    const received = followView(room, tally);
    room.onMessage('view', (view: TableView) => this.#onView(received.whole(view)));
    room.onMessage(VIEW_PATCH_MESSAGE, (patch: ServerToClientViewPatch) => {
      const view = received.patch(patch);
      if (view) this.#onView(view);
    });
    room.onMessage('rejected', (rejected: { request: string; code: string }) => this.#onRejected(rejected));
  }

  #onView(view: TableView): void {
    const now = performance.now();
    if (this.#pending && view.version > this.#pending.version) {
      this.tally.moved(now - this.#pending.sentAt);
      this.#pending = null;
    }
    if (view.version < (this.#view?.version ?? -1) && view.phase !== 'debrief') this.#handled = -1; // a new round
    this.#view = view;
    if (view.phase === 'debrief') {
      if (this.isHost && this.#handled !== -2) {
        this.#handled = -2;
        if (this.tally.measuring) this.tally.rounds++;
        later(this.thinkMs, () => this.room.send('start'));
      }
      return;
    }
    if (view.awaiting.includes(this.role) && view.version !== this.#handled) {
      this.#handled = view.version;
      this.#candidates = candidateMoves(view);
      this.#tryNext();
    }
  }

  #tryNext(): void {
    const view = this.#view!;
    const move = this.#candidates.shift();
    if (!move) {
      this.tally.stuck++; // the step timer will play it
      return;
    }
    later(this.thinkMs, () => {
      if (this.#view?.version !== view.version) return;
      this.#pending = { version: view.version, sentAt: performance.now() };
      this.room.send('move', { version: view.version, move });
    });
  }

  #onRejected(rejected: { request: string; code: string }): void {
    if (rejected.code === 'SERVER_ERROR') this.tally.error(`SERVER_ERROR on ${rejected.request}`);
    if (rejected.request !== 'move') return;
    this.#pending = null;
    if (this.tally.measuring) this.tally.refused++;
    if (rejected.code !== 'STALE_VERSION') this.#tryNext();
  }
}

async function post(url: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

export interface Table {
  rooms: Room[];
  /** Starts the first round; the host restarts each one after its debrief. */
  start: () => void;
}

type Reservation = Parameters<Client['consumeSeatReservation']>[0];

async function joinByCode(httpUrl: string, code: string, options: object): Promise<Room> {
  const { reservation } = (await post(`${httpUrl}/api/tables/${code}/join`, {
    ...options,
    protocolVersion: PROTOCOL_VERSION,
  })) as { reservation: Reservation };
  return new Client(httpUrl).consumeSeatReservation(reservation);
}

/**
 * Creates a table and seats four players in it, each with its own connection, and a spectator (the teacher's
 * projector): the five connections a table's move is sent to.
 */
export async function seatHandshakeTable(httpUrl: string, tally: Tally, thinkMs: number, closing: { done: boolean }) {
  const { code, hostKey } = (await post(`${httpUrl}/api/tables`)) as { code: string; hostKey: string };
  // Not from the code or a number: the nickname filter reads letters and digits as words (a code failed once).
  const rooms: Room[] = [];
  for (const role of ROLES) {
    const isHost = role === 'client';
    const room = await joinByCode(httpUrl, code, {
      nickname: role, // unique at its table, which is all a nickname must be
      role,
      hostKey: isHost ? hostKey : undefined,
    });
    watch(room, tally, closing);
    new TablePlayer(room, role, isHost, tally, thinkMs);
    rooms.push(room);
  }
  const spectator = await joinByCode(httpUrl, code, { nickname: 'projector', spectate: true });
  watch(spectator, tally, closing);
  const projector = followView(spectator, tally);
  spectator.onMessage('view', (view: TableView) => projector.whole(view));
  spectator.onMessage(VIEW_PATCH_MESSAGE, (patch: ServerToClientViewPatch) => projector.patch(patch));
  rooms.push(spectator);
  return { rooms, start: () => rooms[0]!.send('start') } satisfies Table;
}

/** Four clients in an echo room, taking turns: each move comes back to all four as the next turn. */
export async function seatEchoTable(httpUrl: string, tally: Tally, thinkMs: number, closing: { done: boolean }) {
  const host = await new Client(httpUrl).create('echo');
  const rooms: Room[] = [host];
  for (let i = 1; i < 4; i++) rooms.push(await new Client(httpUrl).joinById(host.roomId));
  rooms.forEach((room, seat) => {
    watch(room, tally, closing);
    let pending: Pending | null = null;
    room.onMessage('view', (view: { version: number; turn: number }) => {
      if (pending && view.version > pending.version) {
        tally.moved(performance.now() - pending.sentAt);
        pending = null;
      }
      if (view.turn !== seat) return;
      later(thinkMs, () => {
        pending = { version: view.version, sentAt: performance.now() };
        room.send('move', view);
      });
    });
  });
  return { rooms, start: () => host.send('move', { version: 0, turn: 3 }) } satisfies Table;
}
