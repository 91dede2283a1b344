/**
 * A table: four seats, a host, and rounds run by the rules engine. A thin adapter: check the message,
 * call the engine, mirror the public part into schema, send each connection its own view.
 * Every secret lives in `#round`, a private field that is never synchronised.
 * @module
 */
import { type Client, type Deferred, type Delayed, Room, type RoomException, ServerError } from '@colyseus/core';
import {
  applyMove,
  botMove,
  CLIENT_TO_SERVER_TABLE_SCHEMAS,
  CLOSE_CODES,
  type ClientToServerTableMessages,
  type ClientToServerTableType,
  checkProtocolVersion,
  initialState,
  PHASES,
  type ProtocolMode,
  ROLES,
  type Role,
  type RoleTiming,
  randomSeed,
  SCENARIOS,
  type ServerToClientRejected,
  type ServerToClientViewPatch,
  type TableJoinOptions,
  type TableState,
  type TableView,
  timeoutMove,
  VIEW_PATCH_MESSAGE,
  type Viewer,
  viewFor,
  viewPatch,
} from '@handshake/shared';
import type { ClassRoundStart, ClassStudentTicket, ClassTableLink } from '../class/classTable.ts';
import { RateLimiter } from '../http/rateLimit.ts';
import type { TableSettings } from '../settings.ts';
import { type Admission, admit, isRole, type JoinError } from './admission.ts';
import { describeInput } from './describeInput.ts';
import { hostKeyMatches } from './hostKey.ts';
import { routeMessages } from './messageRouter.ts';
import { warmKeyWorkers, withKeysReady } from './offLoopKeys.ts';
import { liveRoomCodes } from './roomCode.ts';
import { PublicTable, Seat, Spectator } from './schema/TableState.ts';
import { spectatorView } from './spectatorView.ts';

/** Server-side options, set by the app config (clients cannot create rooms, so none of this is client input). */
export interface TableRoomOptions {
  hostKey: string;
  settings: TableSettings;
  log: (line: string) => void;
  /** Set when a class session creates the table: the class seats students and starts rounds. */
  classLink?: ClassTableLink;
}

interface TableAuth extends Admission {
  isHost: boolean;
  /** A class student's id (class tables only). */
  studentId?: string;
}

type TableClient = Client<{ auth: TableAuth }>;

/** HTTP-like status codes for refused joins, carried by ServerError to the joining client. */
const JOIN_REFUSED_STATUS = 403;
/**
 * Reservations that may wait to be used beyond the table's places: a few joins that never connect must not
 * make the table answer "full"; whoever connects first gets the seat, the others a readable refusal.
 */
const RESERVATION_HEADROOM = 8;
/** Colyseus closes a connection with this code when it sends too much (`maxMessagesPerSecond`) or garbage. */
const CLOSE_FLOODED = 4002;

/** Why a message was refused; sent back to its sender alone as `rejected`. */
type Refusal = Omit<ServerToClientRejected, 'request'>;
const refusal = (code: Refusal['code'], message: string): Refusal => ({ code, message });
const NOT_HOST = refusal('NOT_HOST', 'Only the host can do that.');
const CLASS_TABLE = refusal('CLASS_TABLE', 'Your teacher runs this table from the class dashboard.');
const PAUSED = refusal('PAUSED', 'Your teacher paused the game; wait for it to resume.');
/** An engine step that needs an RSA key still being made on a worker thread: it runs again when the key is ready. */
const KEYS_PENDING = Symbol('keys pending');
type KeysPending = typeof KEYS_PENDING;
/** A state-changing step: refused, done, or waiting for keys. */
type Step = () => Refusal | undefined | KeysPending;
const MINUTE_MS = 60_000;
/** Indices of the score events for `role` that one move (from `before` to `after`) added. */
const pointsFor = (before: TableState, after: TableState, role: Role): number[] =>
  after.scores.flatMap((s, i) => (i >= before.scores.length && s.role === role ? [i] : []));
const noTiming = (): Record<Role, RoleTiming> =>
  Object.fromEntries(ROLES.map((r) => [r, { thinkMs: 0, moves: 0 }])) as Record<Role, RoleTiming>;

export class TableRoom extends Room<{ state: PublicTable; client: TableClient }> {
  override state = new PublicTable();

  /** The engine's state of the current round, with every party's secrets. Never synchronised. */
  #round: TableState | null = null;
  #hostKey = '';
  #settings!: TableSettings;
  #log!: (line: string) => void;
  /** Sessions the host removed: they are not offered a reconnection. */
  readonly #removed = new Set<string>();
  /** Pending reconnections by session id, so the host can remove a dropped player. */
  readonly #reconnections = new Map<string, Deferred<Client>>();
  /** Everyone at the table, dropped players included, with when they came (to pass the host role on). */
  readonly #people = new Map<string, { nickname: string; joinedAt: number }>();
  #botTimer: Delayed | undefined;
  #stepTimer: Delayed | undefined;
  #countdown: Delayed | undefined;
  /** Class tables: the class, each student's live session, who sits where this round and their step limits. */
  #class: ClassTableLink | undefined;
  readonly #studentSessions = new Map<string, string>();
  #classSeating: Partial<Record<Role, string>> = {};
  readonly #stepLimits = new Map<Role, number | null>();
  #playedFromStart: Record<Role, boolean> = { client: false, server: false, ca: false, eavesdropper: false };
  /** When each awaited role's current wait began, and what each role's human spent thinking this round. */
  readonly #awaitedSince = new Map<Role, number>();
  #timing = noTiming();
  /** Indices in this round's `scores` of points a bot earned while playing a seat for its human: not theirs. */
  #botEarned = new Set<number>();
  #pausedAt = 0;
  /** The view each connection was last sent: the base of its next patch. */
  readonly #sentViews = new Map<string, TableView>();
  /** The spectators' view of the current round, made once per state rather than once per spectator. */
  #spectatorView: { round: TableState; seesAll: boolean; view: TableView } | null = null;
  /** Steps waiting for the RSA keys being made, in arrival order, each with where its refusal goes. */
  readonly #waitingForKeys: { step: Step; refused: (refusal: Refusal) => void }[] = [];
  #makingKeys = false;
  #disposed = false;
  #starts!: RateLimiter;
  /** Bumped by every round start, interruption and close, so a start still waiting for keys knows it is stale. */
  #roundEpoch = 0;

  override onCreate(options: TableRoomOptions): void {
    this.roomId = liveRoomCodes.claim();
    this.state.code = this.roomId;
    this.#hostKey = options.hostKey;
    this.#settings = options.settings;
    this.#log = options.log;
    this.maxClients = ROLES.length + this.#settings.maxSpectators + RESERVATION_HEADROOM;
    this.seatReservationTimeout = this.#settings.seatReservationSeconds;
    if (options.classLink) {
      this.#class = options.classLink;
      this.state.classCode = options.classLink.classCode;
      // Room for a student's new connection while their old one is still being let go.
      this.maxClients += ROLES.length;
      // The class closes its tables; an empty table (everyone away between rounds) must not vanish.
      this.autoDispose = false;
    }
    this.maxMessagesPerSecond = this.#settings.maxMessagesPerSecond;
    this.#starts = new RateLimiter({ limit: this.#settings.startsPerMinute, windowMs: MINUTE_MS });
    warmKeyWorkers();
    for (const role of ROLES) this.state.seats.set(role, new Seat({ role }));
    const firstScenario = SCENARIOS[0];
    if (firstScenario) {
      this.state.scenarioId = firstScenario.id;
      this.state.mode = firstScenario.modes[0] ?? '';
    }

    // Moves and starts may need an RSA key: they run in turn with anything waiting for one.
    const inTurn = (type: ClientToServerTableType, client: TableClient, step: Step): undefined => {
      this.#inTurn(step, (refused) => this.#reject(client, type, refused));
    };
    routeMessages(this, {
      schemas: CLIENT_TO_SERVER_TABLE_SCHEMAS,
      handlers: {
        move: (client: TableClient, input) => inTurn('move', client, () => this.#onMove(client, input)),
        pickRole: (client: TableClient, message) => this.#onPickRole(client, message),
        configure: (client: TableClient, message) => this.#onConfigure(client, message),
        start: (client: TableClient) => {
          // One seed per start, so a start that waits for its RSA key runs again with the seed of that key.
          const seed = randomSeed();
          return this.#checkStart(client) ?? inTurn('start', client, () => this.#onStart(client, seed));
        },
        remove: (client: TableClient, message) => this.#onRemove(client, message),
        // Asking for one's own whole view again is always allowed and changes nothing.
        requestView: (client: TableClient) => {
          this.#sendView(client);
          return undefined;
        },
        showSpectators: (client: TableClient, message) => this.#onShowSpectators(client, message),
      },
      reject: (client, request, refused) => this.#reject(client, request, refused),
      // A move that does not parse is the engine's MALFORMED_MOVE, whichever layer noticed it.
      malformed: (type, message) => refusal(type === 'move' ? 'MALFORMED_MOVE' : 'MALFORMED_REQUEST', message),
      unknownType: (type) => refusal('UNKNOWN_MESSAGE', `The table does not understand "${type}".`),
    });
    this.#event('created');
  }

  /** The checks a join passes, also asked by the join route before it reserves a seat. */
  checkJoin(options: unknown): JoinError | null {
    if (this.#class && (options as TableJoinOptions | null)?.spectate !== true) return this.#classTableJoinError();
    const result = admit(options, this.#occupancy());
    return result.ok ? null : result.error;
  }

  override onAuth(_client: TableClient, options: TableJoinOptions & Partial<ClassStudentTicket>): TableAuth {
    // A class ticket is the class's own reservation, for a student whose version it checked at the class's join.
    const classTicket = this.#class !== undefined && typeof options.classStudentId === 'string';
    const mismatch = classTicket ? null : checkProtocolVersion(options);
    if (mismatch) throw new ServerError(CLOSE_CODES.PROTOCOL_MISMATCH, `${mismatch.code}: ${mismatch.message}`);
    if (this.#class) {
      // Tickets come only from the class's own seat reservations: the HTTP join route never passes them on.
      if (typeof options.classStudentId === 'string' && typeof options.nickname === 'string') {
        return { nickname: options.nickname, role: null, isHost: false, studentId: options.classStudentId };
      }
      if (options.spectate !== true) {
        const error = this.#classTableJoinError();
        throw new ServerError(JOIN_REFUSED_STATUS, `${error.code}: ${error.message}`);
      }
    }
    const result = admit(options, this.#occupancy());
    if (!result.ok) throw new ServerError(JOIN_REFUSED_STATUS, `${result.error.code}: ${result.error.message}`);
    return { ...result.value, isHost: hostKeyMatches(this.#hostKey, options.hostKey) };
  }

  override onJoin(client: TableClient): void {
    const { nickname, role, isHost, studentId } = client.auth as TableAuth;
    this.#people.set(client.sessionId, { nickname, joinedAt: Date.now() });
    if (studentId !== undefined) {
      this.#classStudentJoined(client, studentId, nickname);
      return;
    }
    if (role) this.#sit(client.sessionId, nickname, role);
    else this.state.spectators.set(client.sessionId, new Spectator({ nickname }));
    if (isHost) this.state.hostSessionId = client.sessionId;
    this.#event(`${nickname} joined as ${role ?? 'spectator'}${isHost ? ' (host)' : ''}`);
    this.#sendView(client);
  }

  override onDrop(client: TableClient, code?: number): void {
    if (this.#removed.has(client.sessionId)) return;
    // Cut off for abuse: not offered a way back, so their seat or spectator place frees at once.
    if (code === CLOSE_FLOODED) {
      this.#event(`${this.#nickname(client)} was cut off (too many or unreadable messages)`);
      return;
    }
    this.#setConnected(client.sessionId, false);
    this.#event(`${this.#nickname(client)} dropped; seat kept for ${this.#settings.reconnectionWindowSeconds} s`);
    const reconnection = this.allowReconnection(client, this.#settings.reconnectionWindowSeconds);
    this.#reconnections.set(client.sessionId, reconnection);
    // Their turn does not wait the whole reconnection window: the dropped step limit applies from now.
    const role = this.#seatOf(client.sessionId)?.role;
    if (isRole(role) && this.#roundInProgress() && this.#round?.awaiting.includes(role)) this.#schedule();
    reconnection.then(
      () => this.#reconnections.delete(client.sessionId),
      () => this.#reconnections.delete(client.sessionId),
    );
  }

  override onReconnect(client: TableClient): void {
    this.#setConnected(client.sessionId, true);
    this.#event(`${this.#nickname(client)} reconnected`);
    this.#sendView(client);
  }

  override onLeave(client: TableClient): void {
    const { sessionId } = client;
    const seat = this.#seatOf(sessionId);
    if (seat) {
      this.#vacate(seat);
      this.#event(
        `${this.#nickname(client)} left; ${this.#roundInProgress() ? 'a bot keeps' : 'freed'} the ${seat.role} seat`,
      );
      this.#schedule();
    } else {
      this.state.spectators.delete(sessionId);
      this.#event(`${this.#nickname(client)} left`);
    }
    this.#people.delete(sessionId);
    this.#removed.delete(sessionId);
    this.#sentViews.delete(sessionId);
    if (this.state.hostSessionId === sessionId) this.#passHostOn();
  }

  override onDispose(): void {
    this.#disposed = true;
    this.#waitingForKeys.length = 0;
    liveRoomCodes.release(this.roomId);
    this.#event('closed');
  }

  override onUncaughtException(error: RoomException, methodName: string): void {
    if (methodName === 'onAuth' && error.cause instanceof ServerError) {
      this.#event(`join refused: ${error.cause.message}`);
      return;
    }
    this.#event(`error in ${methodName}: ${error.message}`);
    console.error(error.cause ?? error);
    if ('client' in error && error.client && methodName === 'onMessage') {
      const type = 'type' in error ? String(error.type) : 'message';
      this.#reject(
        error.client as TableClient,
        type,
        refusal('SERVER_ERROR', 'The table hit a problem; nothing changed.'),
      );
    }
  }

  // ── Messages: each handler returns a refusal, or nothing when it did what was asked ──

  #onMove(client: TableClient, input: ClientToServerTableMessages['move']): Refusal | undefined | KeysPending {
    const round = this.#round;
    if (!round) return refusal('NO_ROUND', 'No round is being played; wait for the host to start one.');
    if (this.state.paused) return PAUSED;
    const seat = this.#seatOf(client.sessionId);
    if (!seat) return refusal('NOT_SEATED', 'Spectators watch; take a free seat to play.');
    if (seat.bot) return refusal('BOT_HAS_SEAT', 'A bot plays this seat until the next round starts.');
    const role = seat.role as Role;
    const since = this.#awaitedSince.get(role);
    const thinkMs = since === undefined ? undefined : Date.now() - since;
    // The engine keeps each role's thinking time for tie-breaks; it reads no clock itself.
    const result = this.#engine(() => applyMove(round, role, input, thinkMs === undefined ? undefined : { thinkMs }));
    if (result === KEYS_PENDING) return KEYS_PENDING;
    if (!result.ok) return result.error;
    if (thinkMs !== undefined) {
      this.#timing[role].thinkMs += thinkMs;
      this.#timing[role].moves++;
    }
    this.#commit(result.value, role);
  }

  #onPickRole(client: TableClient, { role }: ClientToServerTableMessages['pickRole']): Refusal | undefined {
    if (this.#class) return CLASS_TABLE;
    if (role !== null && !isRole(role))
      return refusal('UNKNOWN_ROLE', `There is no role called ${describeInput(role)}.`);
    const current = this.#seatOf(client.sessionId);
    if (current?.role === role) return;
    if (current && this.#roundInProgress() && !current.bot) {
      return refusal('ROUND_IN_PROGRESS', 'You are playing this round; change seats after it.');
    }
    if (role !== null && this.#seatHeld(role)) return refusal('SEAT_TAKEN', `Someone already plays the ${role}.`);
    const nickname = this.#nickname(client);
    if (current) this.#vacate(current);
    else this.state.spectators.delete(client.sessionId);
    if (role) this.#sit(client.sessionId, nickname, role);
    else this.state.spectators.set(client.sessionId, new Spectator({ nickname }));
    this.#event(`${nickname} moved to ${role ?? 'spectator'}`);
    this.#sendView(client);
  }

  #onConfigure(
    client: TableClient,
    { scenarioId, mode }: ClientToServerTableMessages['configure'],
  ): Refusal | undefined {
    if (this.#class) return CLASS_TABLE;
    if (!this.#isHost(client)) return NOT_HOST;
    if (this.#roundInProgress()) return refusal('ROUND_IN_PROGRESS', 'Change the scenario between rounds.');
    const scenario = SCENARIOS.find((s) => s.id === scenarioId);
    if (!scenario) return refusal('UNKNOWN_SCENARIO', `There is no scenario "${describeInput(scenarioId)}".`);
    const chosenMode = scenario.modes.find((m) => m === (mode ?? scenario.modes[0]));
    if (!chosenMode) {
      return refusal('UNSUPPORTED_MODE', `"${scenario.title}" is not played in mode "${describeInput(mode)}".`);
    }
    this.state.scenarioId = scenario.id;
    this.state.mode = chosenMode;
    this.#event(`host chose ${scenario.id} (${chosenMode})`);
  }

  /** Checked as a start arrives, before it waits in turn: a host cannot queue up key generation. */
  #checkStart(client: TableClient): Refusal | undefined {
    if (this.#class) return CLASS_TABLE;
    if (!this.#isHost(client)) return NOT_HOST;
    if (this.#starts.take('start').ok) return undefined;
    return refusal('TOO_MANY_STARTS', 'This table started many rounds just now; wait a minute before starting again.');
  }

  /** Starts a round, or restarts the current one: seats without a human get bots. */
  #onStart(client: TableClient, seed: Uint8Array): Refusal | undefined | KeysPending {
    if (!this.#isHost(client)) return NOT_HOST;
    const round = this.#engine(() =>
      initialState({ scenarioId: this.state.scenarioId, mode: this.state.mode as ProtocolMode, seed }),
    );
    if (round === KEYS_PENDING) return KEYS_PENDING;
    this.#botEarned = new Set();
    this.state.round++;
    for (const seat of this.state.seats.values()) seat.bot = seat.sessionId === '';
    const bots = ROLES.filter((r) => this.#seatPlayedByBot(r)).join(', ') || 'none';
    this.#event(`round ${this.state.round} started: ${this.state.scenarioId} (${this.state.mode}); bots: ${bots}`);
    this.#commit(round);
  }

  #onRemove(client: TableClient, { sessionId }: ClientToServerTableMessages['remove']): Refusal | undefined {
    if (this.#class) return CLASS_TABLE;
    if (!this.#isHost(client)) return NOT_HOST;
    if (sessionId === client.sessionId || !this.#people.has(sessionId)) {
      return refusal('UNKNOWN_PLAYER', 'There is no such player to remove.');
    }
    this.#removed.add(sessionId);
    this.#event(`host removed ${this.#people.get(sessionId)?.nickname}`);
    const target = this.clients.getById(sessionId);
    if (target) target.leave(CLOSE_CODES.REMOVED_BY_HOST, 'The host removed you from the table.');
    else this.#reconnections.get(sessionId)?.reject(new Error('removed by the host'));
  }

  #onShowSpectators(client: TableClient, message: unknown): Refusal | undefined {
    if (this.#class) return CLASS_TABLE;
    if (!this.#isHost(client)) return NOT_HOST;
    const all = (message as { all?: unknown } | null)?.all;
    if (typeof all !== 'boolean') return refusal('MALFORMED_REQUEST', 'Send { "all": true } or { "all": false }.');
    this.state.spectatorsSeeAll = all;
    this.#event(`spectators see ${all ? 'everything' : 'what every seat sees'}`);
    for (const c of this.clients) if (!this.#seatOf(c.sessionId)) this.#sendView(c);
  }

  // ── The round ───────────────────────────────────────────────────────────

  /** Adopts a new engine state: mirror it, tell everyone their view, and arm the timers. */
  #commit(round: TableState, mover?: Role): void {
    const wasOver = this.#round?.phase === 'debrief';
    this.#round = round;
    this.#markWaits(round, mover);
    this.#settings.observeRound?.(this.roomId, round);
    this.state.phase = round.phase;
    this.state.version = round.version;
    if (this.state.awaiting.join() !== round.awaiting.join()) {
      this.state.awaiting.clear();
      this.state.awaiting.push(...round.awaiting);
    }
    this.#sendViewChanges();
    if (round.phase === 'debrief' && !wasOver) this.#event(`round ${this.state.round} finished`);
    this.#schedule();
    if (this.#class) this.#reportToClass(round, round.phase === 'debrief' && !wasOver);
  }

  /** Starts each wait when a role becomes awaited (again, after its own move); ends it when it is not. */
  #markWaits(round: TableState, mover?: Role): void {
    const now = Date.now();
    for (const role of ROLES) {
      if (!round.awaiting.includes(role)) this.#awaitedSince.delete(role);
      else if (role === mover || !this.#awaitedSince.has(role)) this.#awaitedSince.set(role, now);
    }
  }

  /** Bots act after a short delay; anyone still idle when the step's time runs out has the step played for them. */
  #schedule(): void {
    this.#botTimer?.clear();
    this.#stepTimer?.clear();
    this.#countdown?.clear();
    const round = this.#round;
    const awaiting = round && round.phase !== 'debrief' && !this.state.paused ? round.awaiting : [];
    const humans = awaiting.filter((role) => !this.#seatPlayedByBot(role));
    if (awaiting.some((role) => this.#seatPlayedByBot(role))) {
      this.#botTimer = this.clock.setTimeout(() => this.#inTurn(() => this.#playBot()), this.#settings.botMoveDelayMs);
    }
    // Measured on the room's clock, which its timers use (it advances in ticks, not with Date.now).
    const stepStart = this.clock.currentTime;
    const limits = awaiting.map((role) => this.#stepLimitFor(role)).filter((ms): ms is number => ms !== null);
    if (limits.length > 0) {
      this.#stepTimer = this.clock.setTimeout(
        () => this.#inTurn(() => this.#playForIdle(stepStart)),
        Math.min(...limits),
      );
    }
    const humanLimits = humans.map((role) => this.#stepLimitFor(role)).filter((ms): ms is number => ms !== null);
    for (const role of ROLES) {
      const limit = humans.includes(role) ? this.#stepLimitFor(role) : null;
      this.state.seats.get(role)!.stepDeadline = limit === null ? 0 : Date.now() + limit;
    }
    if (humanLimits.length === 0) {
      this.state.stepDeadline = 0;
      this.state.stepSecondsLeft = 0;
      return;
    }
    const deadline = Date.now() + Math.min(...humanLimits);
    const secondsLeft = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    this.state.stepDeadline = deadline;
    this.state.stepSecondsLeft = secondsLeft();
    this.#countdown = this.clock.setInterval(() => {
      this.state.stepSecondsLeft = secondsLeft();
    }, 1000);
  }

  /** One bot move at a time, so people can follow what the bots do. */
  #playBot(): KeysPending | undefined {
    const round = this.#round;
    if (!round) return;
    for (const role of round.awaiting) {
      if (!this.#seatPlayedByBot(role)) continue;
      const result = this.#engine(() => {
        const input = botMove(round, role);
        return input ? applyMove(round, role, input) : null;
      });
      if (result === KEYS_PENDING) return KEYS_PENDING;
      if (!result) continue;
      if (result.ok) {
        this.#noteBotPoints(round, result.value, role);
        this.#commit(result.value);
        return;
      }
      this.#event(`bot move for ${role} was rejected (${result.error.code}): ${result.error.message}`);
    }
  }

  /** A step's time ran out: play what the engine plays for an idle player, for each awaited role whose time is up. */
  #playForIdle(stepStart: number): KeysPending | undefined {
    const start = this.#round;
    if (!start) return;
    const elapsed = this.clock.currentTime - stepStart;
    const due = start.awaiting.filter((role) => {
      const limit = this.#stepLimitFor(role);
      return limit !== null && limit <= elapsed;
    });
    const outcome = this.#engine(() => {
      let round = start;
      const played: Role[] = [];
      const earned: number[] = [];
      for (const role of due) {
        if (!round.awaiting.includes(role)) continue;
        const input = timeoutMove(round, role) ?? botMove(round, role);
        if (!input) continue;
        const result = applyMove(round, role, input);
        if (result.ok) {
          earned.push(...pointsFor(round, result.value, role));
          round = result.value;
          played.push(role);
        }
      }
      return { round, played, earned };
    });
    if (outcome === KEYS_PENDING) return KEYS_PENDING;
    const { round, played, earned } = outcome;
    for (const index of earned) this.#botEarned.add(index);
    if (played.length === 0) {
      this.#event(`step timed out but nothing could be played for ${round.awaiting.join(', ')}`);
      return;
    }
    this.#event(`time ran out for ${played.join(', ')}; a bot played the step`);
    this.#commit(round);
  }

  /** The points `role` earned by a move a bot made for it are the bot's, not its human's. */
  #noteBotPoints(before: TableState, after: TableState, role: Role): void {
    for (const index of pointsFor(before, after, role)) this.#botEarned.add(index);
  }

  // ── RSA keys made off the event loop ──────────────────────────────────

  /** Runs `step` now, or after the keys being made; a step that needs a key not made yet runs again once it is. */
  #inTurn(step: Step, refused: (refusal: Refusal) => void = () => {}): void {
    if (this.#disposed) return;
    if (this.#makingKeys) {
      this.#waitingForKeys.push({ step, refused });
      return;
    }
    const outcome = step();
    if (outcome === KEYS_PENDING) this.#waitingForKeys.unshift({ step, refused });
    else if (outcome) refused(outcome);
  }

  /** An engine call, or KEYS_PENDING when it needs RSA keys: the worker pool makes them, then waiting steps run. */
  #engine<T>(call: () => T): T | KeysPending {
    const attempt = withKeysReady(call);
    if (attempt.ready) return attempt.value;
    this.#makingKeys = true;
    this.#event('making an RSA key off the event loop');
    void attempt.keys.then(
      () => {
        this.#makingKeys = false;
        while (!this.#makingKeys && !this.#disposed) {
          const next = this.#waitingForKeys.shift();
          if (!next) break;
          this.#inTurn(next.step, next.refused);
        }
      },
      (error: Error) => {
        this.#makingKeys = false;
        this.#event(`an RSA key could not be made (${error.message}); waiting steps dropped`);
        for (const { refused } of this.#waitingForKeys.splice(0)) {
          refused(refusal('SERVER_ERROR', 'The table hit a problem; nothing changed.'));
        }
      },
    );
    return KEYS_PENDING;
  }

  /** A seat's step limit (ms, null = none): a class student's own, or the table's. */
  #stepLimitFor(role: Role): number | null {
    if (this.#seatPlayedByBot(role)) return this.#settings.stepTimeLimitMs;
    const limit = this.#stepLimits.has(role) ? (this.#stepLimits.get(role) ?? null) : this.#settings.stepTimeLimitMs;
    // No limit, or a long one, is for a player who is there; a dropped one's turn must not stall the table.
    if (!this.state.seats.get(role)?.connected) return Math.min(limit ?? Infinity, this.#settings.droppedStepLimitMs);
    return limit;
  }

  // ── Class tables: the class seats students and runs the rounds ─────────

  #classTableJoinError(): JoinError {
    return {
      code: 'CLASS_TABLE',
      message: `Table ${this.roomId} belongs to a class: join the class with its code, or watch as a spectator.`,
    };
  }

  /** A class student connects: they take their seat this round if they have one, else they watch. */
  #classStudentJoined(client: TableClient, studentId: string, nickname: string): void {
    const previous = this.#studentSessions.get(studentId);
    this.#studentSessions.set(studentId, client.sessionId);
    this.#class?.seated(studentId);
    const role = ROLES.find((r) => this.#classSeating[r] === studentId);
    if (role) {
      const seat = this.state.seats.get(role)!;
      seat.sessionId = client.sessionId;
      seat.nickname = nickname;
      seat.connected = true;
    } else {
      this.state.spectators.set(client.sessionId, new Spectator({ nickname }));
    }
    if (previous && previous !== client.sessionId)
      this.#letGo(previous, CLOSE_CODES.REPLACED, 'You joined from elsewhere.');
    this.#event(`${nickname} joined as ${role ?? 'spectator'} (class student)`);
    this.#sendView(client);
    this.#schedule();
  }

  /** Closes a session (or cancels its pending reconnection) without offering it back. */
  #letGo(sessionId: string, code: number, reason: string): void {
    this.#removed.add(sessionId);
    const target = this.clients.getById(sessionId);
    if (target) target.leave(code, reason);
    else this.#reconnections.get(sessionId)?.reject(new Error(reason));
  }

  /** The class starts a round: seats follow the rotation; absent students' seats are played by bots. */
  startClassRound(start: ClassRoundStart): Record<Role, boolean> {
    this.#classSeating = {};
    this.#stepLimits.clear();
    const seatedSessions = new Set<string>();
    for (const role of ROLES) {
      const seat = this.state.seats.get(role)!;
      const assigned = start.seating[role];
      const sessionId = assigned ? (this.#studentSessions.get(assigned.studentId) ?? '') : '';
      const connected = sessionId !== '' && this.clients.getById(sessionId) !== undefined;
      seat.sessionId = connected ? sessionId : '';
      seat.nickname = assigned?.nickname ?? '';
      seat.connected = connected;
      seat.bot = !assigned?.present;
      this.#playedFromStart[role] = assigned?.present ?? false;
      if (assigned) {
        this.#classSeating[role] = assigned.studentId;
        this.#stepLimits.set(role, assigned.stepLimitMs);
        if (connected) seatedSessions.add(sessionId);
      }
    }
    for (const [studentId, sessionId] of this.#studentSessions) {
      if (seatedSessions.has(sessionId)) this.state.spectators.delete(sessionId);
      else if (this.clients.getById(sessionId)) {
        const nickname = this.#people.get(sessionId)?.nickname ?? studentId;
        this.state.spectators.set(sessionId, new Spectator({ nickname }));
      }
    }
    this.#timing = noTiming();
    this.#awaitedSince.clear();
    this.state.scenarioId = start.scenarioId;
    this.state.mode = start.mode;
    this.state.round = start.round;
    const epoch = ++this.#roundEpoch;
    const seed = randomSeed();
    this.#inTurn(() => {
      // Interrupted, closed or started again while its RSA key was being made: this start is stale.
      if (epoch !== this.#roundEpoch) return;
      const round = this.#engine(() => initialState({ scenarioId: start.scenarioId, mode: start.mode, seed }));
      if (round === KEYS_PENDING) return KEYS_PENDING;
      const bots = ROLES.filter((r) => this.#seatPlayedByBot(r)).join(', ') || 'none';
      this.#event(`class round ${start.round} started: ${start.scenarioId} (${start.mode}); bots: ${bots}`);
      this.#botEarned = new Set();
      this.#commit(round);
    });
    return { ...this.#playedFromStart };
  }

  /** Pauses or resumes the table: while paused no timer runs and moves wait; waits resume where they were. */
  setPaused(paused: boolean): void {
    if (this.state.paused === paused) return;
    this.state.paused = paused;
    if (paused) this.#pausedAt = Date.now();
    else {
      const pausedFor = Date.now() - this.#pausedAt;
      for (const [role, since] of this.#awaitedSince) this.#awaitedSince.set(role, since + pausedFor);
    }
    this.#event(paused ? 'paused by the class' : 'resumed by the class');
    this.#schedule();
  }

  /** The round at its debrief as a spectator sees it there (everything revealed), or null while none is over. */
  debrief(): { round: number; view: TableView } | null {
    if (this.#round?.phase !== 'debrief') return null;
    return { round: this.state.round, view: viewFor(this.#round, 'spectator') };
  }

  /** The class moved on without this round's debrief: the round stops and is not reported. */
  interruptRound(): boolean {
    this.#roundEpoch++;
    if (!this.#roundInProgress()) return false;
    this.#round = null;
    this.state.phase = 'interrupted';
    this.state.awaiting.clear();
    this.#schedule();
    this.#event(`round ${this.state.round} interrupted by the class`);
    return true;
  }

  /** A class student's new time allowance, from their next step. */
  setStudentStepLimit(studentId: string, stepLimitMs: number | null): void {
    const role = ROLES.find((r) => this.#classSeating[r] === studentId);
    if (role) this.#stepLimits.set(role, stepLimitMs);
  }

  renameStudent(studentId: string, nickname: string): void {
    const sessionId = this.#studentSessions.get(studentId);
    const role = ROLES.find((r) => this.#classSeating[r] === studentId);
    if (role) this.state.seats.get(role)!.nickname = nickname;
    const person = sessionId ? this.#people.get(sessionId) : undefined;
    if (person) person.nickname = nickname;
    const spectator = sessionId ? this.state.spectators.get(sessionId) : undefined;
    if (spectator) spectator.nickname = nickname;
  }

  /** The class removed or banned a student: their connection closes; their seat is played by a bot. */
  removeStudent(studentId: string, code: number, reason: string): void {
    const sessionId = this.#studentSessions.get(studentId);
    this.#studentSessions.delete(studentId);
    if (sessionId) this.#letGo(sessionId, code, reason);
  }

  /** The class ended: everyone is disconnected and the table closes. */
  closeForClass(code: number, reason: string): void {
    this.#roundEpoch++;
    this.#round = null;
    this.#schedule();
    for (const client of [...this.clients]) client.leave(code, reason);
    void this.disconnect(code);
  }

  #reportToClass(round: TableState, finished: boolean): void {
    const link = this.#class!;
    const phase = PHASES[round.phase];
    link.progress({
      round: this.state.round,
      scenarioId: round.scenario.id,
      phase: round.phase,
      phaseTitle: phase?.title ?? round.phase,
      stage: phase?.stage ?? '',
      awaiting: [...round.awaiting],
    });
    if (!finished) return;
    const seating = Object.fromEntries(ROLES.map((r) => [r, this.#classSeating[r] ?? null])) as Record<
      Role,
      string | null
    >;
    link.roundFinished({
      round: this.state.round,
      scenarioId: round.scenario.id,
      mode: round.mode,
      seating,
      played: { ...this.#playedFromStart },
      // Only points the students earned themselves: a bot that played their timed-out steps earned those, and
      // a student who made no move of their own does not share in the round's outcome either.
      scores: round.scores
        .filter((s, i) => !this.#botEarned.has(i) && this.#timing[s.role].moves > 0)
        .map((s) => ({ ...s })),
      outcome: structuredClone(round.outcome),
      timing: structuredClone(this.#timing),
    });
  }

  // ── Seats, views, helpers ─────────────────────────────────────────────

  #sit(sessionId: string, nickname: string, role: Role): void {
    const seat = this.state.seats.get(role)!;
    seat.sessionId = sessionId;
    seat.nickname = nickname;
    seat.connected = true;
    // A seat a bot plays this round stays the bot's until the next round starts.
    if (!this.#roundInProgress()) seat.bot = false;
  }

  /** A human leaves a seat: between rounds it is empty; during one, a bot keeps it. */
  #vacate(seat: Seat): void {
    seat.sessionId = '';
    seat.nickname = '';
    seat.connected = false;
    seat.bot = true;
  }

  #seatOf(sessionId: string): Seat | undefined {
    for (const seat of this.state.seats.values()) if (seat.sessionId === sessionId) return seat;
    return undefined;
  }

  #seatHeld(role: Role): boolean {
    return this.state.seats.get(role)?.sessionId !== '';
  }

  #seatPlayedByBot(role: Role): boolean {
    return this.state.seats.get(role)?.bot ?? true;
  }

  #setConnected(sessionId: string, connected: boolean): void {
    const seat = this.#seatOf(sessionId);
    if (seat) seat.connected = connected;
    const spectator = this.state.spectators.get(sessionId);
    if (spectator) spectator.connected = connected;
  }

  #occupancy() {
    const nicknames = [
      ...[...this.state.seats.values()].filter((s) => s.sessionId !== '').map((s) => s.nickname),
      ...[...this.state.spectators.values()].map((s) => s.nickname),
    ];
    return {
      code: this.roomId,
      nicknames,
      seatHeld: (role: Role) => this.#seatHeld(role),
      spectatorCount: this.state.spectators.size,
      maxSpectators: this.#settings.maxSpectators,
    };
  }

  /** Each connection sees its own seat's view, or the spectator's; only the engine decides what that holds. */
  #viewerOf(client: TableClient): Viewer {
    const role = this.#seatOf(client.sessionId)?.role;
    return isRole(role) ? role : 'spectator';
  }

  /** The whole view: on join, reconnect, a change of seat, and when the client asks for it. */
  #sendView(client: TableClient): void {
    if (!this.#round) return;
    this.#sendFullView(client, this.#viewOf(this.#round, this.#viewerOf(client)));
  }

  #sendFullView(client: TableClient, view: TableView): void {
    this.#sentViews.set(client.sessionId, view);
    client.send('view', view);
  }

  /**
   * After a change of state, each connection gets what changed in its own view since the view it was last sent.
   * Each viewer's view is built once, and each patch once per base view: connections in one seat share it.
   */
  #sendViewChanges(): void {
    const round = this.#round;
    if (!round) return;
    const views = new Map<Viewer, TableView>();
    // By the view a connection holds and the viewer it is now: a seat can change between two views.
    const patches = new Map<TableView, Map<Viewer, ServerToClientViewPatch>>();
    for (const client of this.clients) {
      const viewer = this.#viewerOf(client);
      const view = views.get(viewer) ?? this.#viewOf(round, viewer);
      views.set(viewer, view);
      const sent = this.#sentViews.get(client.sessionId);
      if (!sent) {
        this.#sendFullView(client, view);
        continue;
      }
      const fromSent = patches.get(sent) ?? new Map<Viewer, ServerToClientViewPatch>();
      patches.set(sent, fromSent);
      const patch = fromSent.get(viewer) ?? viewPatch(sent, view);
      fromSent.set(viewer, patch);
      this.#sentViews.set(client.sessionId, view);
      client.send(VIEW_PATCH_MESSAGE, patch);
    }
  }

  /** A seat's view from the engine; the spectators' is the public wire unless the host lets them see all. */
  #viewOf(round: TableState, viewer: Viewer): TableView {
    return viewer === 'spectator' ? this.#spectatorViewOf(round) : viewFor(round, viewer);
  }

  #spectatorViewOf(round: TableState): TableView {
    const seesAll = this.state.spectatorsSeeAll;
    const cached = this.#spectatorView;
    if (cached?.round === round && cached.seesAll === seesAll) return cached.view;
    const view = spectatorView(round, seesAll);
    this.#spectatorView = { round, seesAll, view };
    return view;
  }

  #isHost(client: TableClient): boolean {
    return client.sessionId === this.state.hostSessionId;
  }

  #roundInProgress(): boolean {
    return this.#round !== null && this.#round.phase !== 'debrief';
  }

  #passHostOn(): void {
    const next = [...this.#people.entries()].sort((a, b) => a[1].joinedAt - b[1].joinedAt)[0];
    this.state.hostSessionId = next?.[0] ?? '';
    if (next) this.#event(`host passed to ${next[1].nickname}`);
  }

  #nickname(client: TableClient): string {
    return this.#people.get(client.sessionId)?.nickname ?? client.sessionId;
  }

  /** A refused message is answered to its sender alone. */
  #reject(client: TableClient, request: string, { code, message }: Refusal): void {
    const rejected: ServerToClientRejected = { request, code, message };
    client.send('rejected', rejected);
  }

  #event(text: string): void {
    this.#log(`[table ${this.roomId}] ${text}`);
  }
}
