/**
 * Hostile input, property-based: malformed, oversized, out-of-phase, stale and wrong-role messages of every
 * client message type, unknown types, and random binary WebSocket frames, sent to a live table mid-round.
 * The process keeps serving, another table's round completes meanwhile, every refusal carries a code and a
 * sentence, the table's version only moves forward one accepted move at a time, and the table can still be
 * played to its debrief afterwards.
 */
import {
  botMove,
  type ClientToServerTableType,
  MOVES,
  type MoveType,
  ROLES,
  type Role,
  type TableState,
} from '@handshake/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTable,
  joinTable,
  latestRound,
  type Player,
  playRound,
  startServer,
  type TestServer,
  until,
} from './helpers.ts';

/** Every message type a client may send: the compiler keeps this list complete. */
const MESSAGE_TYPES = Object.keys({
  move: true,
  pickRole: true,
  configure: true,
  start: true,
  remove: true,
  requestView: true,
  showSpectators: true,
} satisfies Record<ClientToServerTableType, true>) as ClientToServerTableType[];

/** Every move type of the engine, from its move registry. */
const MOVE_TYPES = Object.keys(MOVES) as MoveType[];

/**
 * How the server may end a connection that sent garbage: Colyseus's error close (4002), a consented leave
 * (4000: the random frame happened to be LEAVE_ROOM), or WebSocket's own protocol, data and size codes.
 */
const CLOSES_FOR_GARBAGE = [4000, 4002, 1002, 1007, 1009];

type Action =
  | { kind: 'message'; type: string | number; payload: unknown }
  | { kind: 'engineMove'; asRole: Role; versionShift: number }
  | { kind: 'frame'; bytes: Uint8Array };

const junk = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(undefined),
  fc.uint8Array({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
const anyVersion = fc.oneof(fc.integer({ min: -3, max: 400 }), fc.double(), junk);
const moveShape = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...MOVE_TYPES), fc.string({ maxLength: 12 })),
    domain: fc.oneof(fc.domain(), fc.string({ maxLength: 300 })),
    requestId: fc.oneof(fc.constantFrom('r1', 'req-1', ''), fc.string({ maxLength: 70 })),
    envelopeId: fc.oneof(fc.integer({ min: -2, max: 30 }), junk),
    copyOf: fc.integer({ min: -2, max: 30 }),
    byteIndex: fc.oneof(fc.nat(), fc.integer(), fc.double()),
    cipherSuites: fc.array(fc.constantFrom('TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256', 'NULL'), {
      maxLength: 4,
    }),
    pieces: fc.array(fc.string({ maxLength: 20 }), { maxLength: 12 }),
    lockWith: fc.string({ maxLength: 20 }),
    reason: fc.string({ maxLength: 20 }),
    scheme: fc.constantFrom('http', 'https', 'ftp'),
    extra: junk,
  },
  { requiredKeys: ['type'] },
);

const hostileAction: fc.Arbitrary<Action> = fc.oneof(
  // Every message type with a payload of any shape.
  fc.record({ kind: fc.constant('message' as const), type: fc.constantFrom(...MESSAGE_TYPES), payload: junk }),
  // Moves of every type, well- or ill-formed, made against any version (out of phase, stale, from the future).
  fc.record({
    kind: fc.constant('message' as const),
    type: fc.constant('move'),
    payload: fc.oneof(fc.record({ version: anyVersion, move: moveShape }), moveShape),
  }),
  // Host messages with near-valid payloads.
  fc.record({
    kind: fc.constant('message' as const),
    type: fc.constantFrom('configure', 'pickRole', 'remove'),
    payload: fc.record({
      scenarioId: fc.oneof(fc.constantFrom('happy-path', 'key-leak'), fc.string()),
      mode: fc.oneof(fc.constantFrom('tls13', 'tls12-rsa', 'ssl3'), junk),
      role: fc.oneof(fc.constantFrom(...ROLES, null, 'spectator'), junk),
      sessionId: fc.oneof(fc.string({ maxLength: 12 }), junk),
    }),
  }),
  // Unknown message types, by name or number.
  fc.record({
    kind: fc.constant('message' as const),
    type: fc.oneof(fc.string({ maxLength: 30 }), fc.integer({ min: 0, max: 255 })),
    payload: junk,
  }),
  // Oversized: beyond the transport's frame limit.
  fc.record({
    kind: fc.constant('message' as const),
    type: fc.constantFrom(...MESSAGE_TYPES),
    payload: fc.integer({ min: 5_000, max: 40_000 }).map((n) => ({ nickname: 'x'.repeat(n) })),
  }),
  // A real, current move of another role (wrong role) or of this seat against a shifted version (stale/future).
  fc.record({
    kind: fc.constant('engineMove' as const),
    asRole: fc.constantFrom(...ROLES),
    versionShift: fc.integer({ min: -2, max: 2 }),
  }),
  // Random binary frames, some starting with a real Colyseus protocol code so they reach its decoders.
  fc.record({
    kind: fc.constant('frame' as const),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc
        .tuple(fc.integer({ min: 10, max: 22 }), fc.uint8Array({ maxLength: 48 }))
        .map(([code, rest]) => Uint8Array.of(code, ...rest)),
    ),
  }),
);

/** Property runs: each sends up to 12 hostile actions, then checks the table; seconds in all. */
const FUZZ_RUNS = 50;
/** Generous: a loaded 2-core machine running the whole suite can take a minute for what takes 10 s alone. */
const FUZZ_TIMEOUT_MS = 180_000;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    table: { maxMessagesPerSecond: 100_000, reconnectionWindowSeconds: 1, maxSpectators: 50 },
  });
});
afterAll(() => server.close());

function rawSocket(player: Player): { send: (bytes: Uint8Array) => void } {
  return (player.room.connection.transport as unknown as { ws: { send: (bytes: Uint8Array) => void } }).ws;
}

/** Versions of one table only ever go up by one per accepted move, or restart at a new round. */
function versionsValid(rounds: TableState[]): boolean {
  return rounds.every((round, i) => i === 0 || round.version === rounds[i - 1]!.version + 1 || round.version === 0);
}

describe('hostile input to a live table', () => {
  it(
    'never crashes the process, disturbs another table, or breaks the table’s state',
    async () => {
      // Table B: two students and bots play rounds the whole time.
      const b = await createTable(server.httpUrl);
      const alice = await joinTable(server.httpUrl, b.code, { nickname: 'Alice', hostKey: b.hostKey, role: 'client' });
      const bob = await joinTable(server.httpUrl, b.code, { nickname: 'Bob', role: 'server' });
      let fuzzing = true;
      let roundsAtB = 0;
      const tableB = (async () => {
        while (fuzzing || roundsAtB === 0) {
          const before = alice.room.state.round;
          alice.send('start');
          await until(() => alice.room.state.round === before + 1 && bob.room.state.round === before + 1, 'B’s round');
          await playRound(server, b.code, [alice, bob]);
          roundsAtB++;
        }
      })();

      // Table A: the fuzzer is its host and sits in a seat, mid-round.
      const a = await createTable(server.httpUrl);
      // Someone quiet stays at table A: a connection cut off for garbage is not offered a way back, and an
      // empty table closes.
      const keeper = await joinTable(server.httpUrl, a.code, { nickname: 'Keeper', spectate: true });
      let joins = 0;
      const closes: number[] = [];
      const rejections: Player['rejections'] = [];
      const joinFuzzer = async (): Promise<Player> => {
        const nickname = `Fuzz${joins++}`;
        const player = await joinTable(server.httpUrl, a.code, { nickname, hostKey: a.hostKey }).catch(() =>
          joinTable(server.httpUrl, a.code, { nickname, hostKey: a.hostKey, spectate: true }),
        );
        player.room.reconnection.enabled = false;
        player.room.onLeave((code) => closes.push(code));
        await until(() => player.room.state.hostSessionId === player.sessionId, 'the fuzzer to be host');
        // A new round, so the fuzzer's seat is its own rather than a bot's and its moves reach the engine.
        const round = player.room.state.round;
        player.send('start');
        await until(() => player.room.state.round > round, 'the fuzzer’s round');
        return player;
      };
      let fuzzer = await joinFuzzer();

      await fc.assert(
        fc.asyncProperty(fc.array(hostileAction, { minLength: 1, maxLength: 12 }), async (actions) => {
          if (!fuzzer.room.connection.isOpen) fuzzer = await joinFuzzer();
          const sender = fuzzer;
          for (const action of actions) {
            if (!sender.room.connection.isOpen) break;
            if (action.kind === 'frame') rawSocket(sender).send(action.bytes);
            else if (action.kind === 'message') sender.send(action.type as string, action.payload);
            else {
              const round = latestRound(server, a.code)!;
              const input = botMove(round, action.asRole);
              if (input) sender.send('move', { ...input, version: input.version + action.versionShift });
            }
          }
          // The table still answers this connection in order, with a code and a sentence — or closed it cleanly.
          const answered = sender.rejections.length;
          if (sender.room.connection.isOpen) sender.send('pickRole', { role: 'nobody' });
          await until(
            () =>
              !sender.room.connection.isOpen ||
              sender.rejections.slice(answered).some((r) => r.code === 'UNKNOWN_ROLE'),
            'the table to answer',
            30_000,
          );
          rejections.push(...sender.rejections.splice(0));
          expect(versionsValid(server.rounds.get(a.code)!)).toBe(true);
        }),
        { numRuns: FUZZ_RUNS },
      );
      fuzzing = false;
      await tableB;

      const codes = new Set(rejections.map((r) => r.code));
      console.log(
        `fuzz: ${rejections.length} refusals (${[...codes].join(', ')}), ${closes.length} closed connections, ${roundsAtB} rounds at table B`,
      );
      // The fuzzer reached past the message router into the engine's and the room's own checks.
      for (const code of ['UNKNOWN_MESSAGE', 'MALFORMED_MOVE', 'UNKNOWN_ROLE']) expect(codes).toContain(code);
      expect(roundsAtB).toBeGreaterThan(0);
      expect([...alice.rejections, ...bob.rejections]).toEqual([]);
      for (const rejection of rejections) {
        expect(typeof rejection.request).toBe('string');
        expect(rejection.code).toMatch(/^[A-Z_]+$/);
        expect(rejection.message.length).toBeGreaterThan(0);
      }
      expect(rejections.filter((r) => r.code === 'SERVER_ERROR')).toEqual([]);
      expect(server.logs.filter((l) => l.includes('error in'))).toEqual([]);
      for (const code of closes) expect(CLOSES_FOR_GARBAGE).toContain(code);

      // The table still works: a fresh host starts a round and it is played to its debrief; views are served.
      const host = fuzzer.room.connection.isOpen ? fuzzer : await joinFuzzer();
      const projector = await joinTable(server.httpUrl, a.code, { nickname: 'Projector', spectate: true });
      const rounds = host.room.state.round;
      host.send('start');
      await until(() => host.room.state.round === rounds + 1, 'a new round at table A');
      await playRound(server, a.code, [host]);
      await until(() => projector.views.some((v) => (v as { phase: string }).phase === 'debrief'), 'the debrief view');
      expect(versionsValid(server.rounds.get(a.code)!)).toBe(true);
      expect((await fetch(`${server.httpUrl}/health`)).status).toBe(200);
      await Promise.all([alice.leave(), bob.leave(), host.leave(), projector.leave(), keeper.leave()]);
    },
    FUZZ_TIMEOUT_MS,
  );
});
