/** Class sessions over real HTTP and WebSockets: a host, students who follow their `seat`, and the results API. @module */
import { Client, type Room } from '@colyseus/sdk';
import type { ServerSettingsOverrides } from '@handshake/server';
import type { PublicClass } from '@handshake/server/class/schema';
import type { PublicTable } from '@handshake/server/schema';
import {
  botMove,
  type ClassJoinResponse,
  type ClassResults,
  type ClassSettings,
  type CreateClassResponse,
  type HostJoinResponse,
  type Role,
  type ServerToClientClassRejected,
  type ServerToClientSeat,
} from '@handshake/shared';
import {
  asClientSends,
  latestRound,
  Player,
  pause,
  startServer,
  type TestServer,
  tempDatabasePath,
  until,
} from './helpers.ts';

export { tempDatabasePath };

/** A fresh database file in a temp folder. */
/** A real server with class results in a temp database and steps short enough for tests. */
export function startClassServer(overrides: ServerSettingsOverrides = {}): Promise<TestServer> {
  return startServer({
    ...overrides,
    classes: { databasePath: tempDatabasePath(), minStepSeconds: 0.01, createdPerMinute: 1_000, ...overrides.classes },
  });
}

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T & { error?: { code: string; message: string } };
}

/** An HTTP request as this build's client makes it (object bodies carry the protocol version). */
export async function http<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(asClientSends(init.body)),
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json');
  return { status: response.status, body: (isJson && text ? JSON.parse(text) : { text }) as HttpAnswer<T>['body'] };
}

export async function createClass(
  httpUrl: string,
  settings: Partial<ClassSettings> = {},
  extra: Record<string, unknown> = {},
): Promise<CreateClassResponse> {
  const answer = await http<CreateClassResponse>(`${httpUrl}/api/classes`, { body: { settings, ...extra } });
  if (answer.status !== 201) throw new Error(`creating a class answered ${answer.status} ${answer.body.error?.code}`);
  return answer.body;
}

/** A connection to the class room and what the server told it alone. */
export class ClassMember {
  readonly rejections: ServerToClientClassRejected[] = [];
  readonly seats: ServerToClientSeat[] = [];
  closeCode: number | null = null;

  constructor(readonly room: Room<unknown, PublicClass>) {
    room.onMessage('rejected', (r: ServerToClientClassRejected) => this.rejections.push(r));
    room.onMessage('seat', (s: ServerToClientSeat) => this.seats.push(s));
    room.onLeave((code) => {
      this.closeCode = code;
    });
  }

  get state(): PublicClass {
    return this.room.state;
  }

  send(type: string, message?: unknown): void {
    this.room.send(type, message);
  }
}

/** A student: their class connection, and their table once the class seats them. */
export class Student extends ClassMember {
  table: Player | null = null;

  constructor(
    room: Room<unknown, PublicClass>,
    readonly joined: ClassJoinResponse,
    readonly httpUrl: string,
  ) {
    super(room);
  }

  get studentId(): string {
    return this.joined.studentId;
  }

  /** Takes the seat the class offered last (as a browser would on the `seat` message). */
  async sitDown(): Promise<Player> {
    await until(() => this.seats.length > 0, `a seat for ${this.joined.nickname}`, 15_000);
    const seat = this.seats.at(-1)!;
    const client = new Client(this.httpUrl);
    // biome-ignore lint/suspicious/noExplicitAny: the reservation is the server's JSON, passed through untouched
    const room = await client.consumeSeatReservation<PublicTable>(seat.reservation as any);
    this.table = new Player(room);
    await until(() => room.state?.seats?.size === 4, 'the table state', 15_000);
    return this.table;
  }
}

async function connect(httpUrl: string, reservation: unknown): Promise<Room<unknown, PublicClass>> {
  // biome-ignore lint/suspicious/noExplicitAny: the reservation is the server's JSON, passed through untouched
  const room = await new Client(httpUrl).consumeSeatReservation<PublicClass>(reservation as any);
  await until(() => room.state?.settings !== undefined && room.state.code !== '', 'the class state');
  return room;
}

export async function joinClass(httpUrl: string, code: string, body: Record<string, unknown>): Promise<Student> {
  const answer = await http<ClassJoinResponse>(`${httpUrl}/api/join/${code}`, { body });
  if (answer.status !== 200 || answer.body.kind !== 'class') {
    throw new Error(`joining class ${code} answered ${answer.status} ${answer.body.error?.code}`);
  }
  return new Student(await connect(httpUrl, answer.body.reservation), answer.body, httpUrl);
}

export async function connectHost(httpUrl: string, code: string, hostKey: string): Promise<ClassMember> {
  const answer = await http<HostJoinResponse>(`${httpUrl}/api/classes/${code}/host`, {
    body: {},
    headers: { 'x-host-key': hostKey },
  });
  if (answer.status !== 200) throw new Error(`host connection answered ${answer.status} ${answer.body.error?.code}`);
  return new ClassMember(await connect(httpUrl, answer.body.reservation));
}

export function results(httpUrl: string, sessionId: string, hostKey: string, headers: Record<string, string> = {}) {
  return http<ClassResults>(`${httpUrl}/api/classes/${sessionId}/results`, {
    headers: { 'x-host-key': hostKey, ...headers },
  });
}

export async function resultsCsv(httpUrl: string, sessionId: string, hostKey: string): Promise<string> {
  const response = await fetch(`${httpUrl}/api/classes/${sessionId}/results.csv`, {
    headers: { 'x-host-key': hostKey },
  });
  if (response.status !== 200) throw new Error(`CSV answered ${response.status}`);
  return response.text();
}

/** Splits a CSV (RFC 4180, as the server writes it) into records of named fields. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r') continue;
    else if (ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  const [header, ...rows] = records;
  return rows.map((r) => Object.fromEntries(header!.map((name, i) => [name, r[i] ?? ''])));
}

/**
 * Plays several tables' rounds to their debriefs at once: whenever a seated human is awaited, they send the
 * move the engine's bot would choose (read from the server's state in this process) over their own socket.
 * One deadline for all, generous because a loaded machine runs many tables slowly.
 */
export async function playTables(
  server: TestServer,
  tables: { code: string; players: Player[] }[],
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const sent = new Map<string, number>();
  for (;;) {
    let open = 0;
    for (const { code, players } of tables) {
      const round = latestRound(server, code);
      if (!round || round.phase === 'debrief') continue;
      open++;
      if (sent.get(code) === round.version) continue;
      const seats = players[0]!.room.state.seats;
      const mover = players.find((p) => p.role && round.awaiting.includes(p.role) && !seats.get(p.role)?.bot);
      const input = mover && botMove(round, mover.role as Role);
      if (!mover || !input) continue;
      mover.send('move', input);
      sent.set(code, round.version);
    }
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} table(s) did not reach the debrief in ${timeoutMs} ms`);
    await pause(5);
  }
}
