/**
 * A table: four seats, a host, and rounds run by the rules engine. A thin adapter over the shared lobby reducer
 * (`@handshake/shared` `reduceTable`): check the message, reduce the table, mirror the public part into schema,
 * send each connection its own view, and run the timers `pacingOf` asks for on `this.clock`.
 * Every secret lives in `#table.game`, a private field that is never synchronised.
 * @module
 */
import { type Client, type Deferred, type Delayed, Room, type RoomException, ServerError } from '@colyseus/core';
import {
  CLIENT_TO_SERVER_TABLE_SCHEMAS,
  CLOSE_CODES,
  type ClientToServerTableMessages,
  type ClientToServerTableType,
  checkProtocolVersion,
  describeInput,
  isRole,
  type LobbySeat,
  newTable,
  PHASES,
  pacingOf,
  ROLES,
  type Role,
  type RoleTiming,
  randomSeed,
  reduceTable,
  refusalOf,
  render,
  roundInProgress,
  type ServerToClientRejected,
  type ServerToClientViewPatch,
  spectatorsOf,
  type Table,
  type TableCommand,
  type TableEffect,
  type TableJoinOptions,
  type TableState,
  type TableView,
  type Text,
  text,
  VIEW_PATCH_MESSAGE,
  type Viewer,
  viewFor,
  viewPatch,
} from '@handshake/shared';
import type { ClassRoundStart, ClassStudentTicket, ClassTableLink } from '../class/classTable.ts';
import { RateLimiter } from '../http/rateLimit.ts';
import type { TableSettings } from '../settings.ts';
import { type Admission, admit, type JoinError } from './admission.ts';
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
const refusal = (code: Refusal['code'], why: string | Text): Refusal => ({ code, message: render(why) });
const SERVER_ERROR = (): Refusal => refusal('SERVER_ERROR', text('lobby.serverError'));
/** An engine step that needs an RSA key still being made on a worker thread: it runs again when the key is ready. */
const KEYS_PENDING = Symbol('keys pending');
type KeysPending = typeof KEYS_PENDING;
/** A state-changing step: refused, done, or waiting for keys. */
type Step = () => Refusal | undefined | KeysPending;
const MINUTE_MS = 60_000;
const noTiming = (): Record<Role, RoleTiming> =>
  Object.fromEntries(ROLES.map((r) => [r, { thinkMs: 0, moves: 0 }])) as Record<Role, RoleTiming>;

export class TableRoom extends Room<{ state: PublicTable; client: TableClient }> {
  override state = new PublicTable();

  /** Seats, people, host, settings and the round (`game`, with every party's secrets). Never synchronised. */
  #table!: Table;
  #hostKey = '';
  #settings!: TableSettings;
  #log!: (line: string) => void;
  /** Sessions the host removed: they are not offered a reconnection. */
  readonly #removed = new Set<string>();
  /** Pending reconnections by session id, so the host can remove a dropped player. */
  readonly #reconnections = new Map<string, Deferred<Client>>();
  #botTimer: Delayed | undefined;
  #stepTimer: Delayed | undefined;
  #countdown: Delayed | undefined;
  /** Class tables: the class, each student's live session and who sits where this round. */
  #class: ClassTableLink | undefined;
  readonly #studentSessions = new Map<string, string>();
  #classSeating: Partial<Record<Role, string>> = {};
  #playedFromStart: Record<Role, boolean> = { client: false, server: false, ca: false, eavesdropper: false };
  /** When each awaited role's current wait began, and what each role's human spent thinking this round. */
  readonly #awaitedSince = new Map<Role, number>();
  #timing = noTiming();
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
    const { botMoveDelayMs, stepTimeLimitMs, droppedStepLimitMs } = this.#settings;
    this.#table = newTable({
      classRun: this.#class !== undefined,
      pacing: { botDelayMs: botMoveDelayMs, stepLimitMs: stepTimeLimitMs, droppedStepLimitMs },
    });
    for (const role of ROLES) this.state.seats.set(role, new Seat({ role }));
    this.#mirror();

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
          const start: TableCommand = { type: 'start', player: client.sessionId, seed: randomSeed() };
          return this.#checkStart(start) ?? inTurn('start', client, () => this.#runEngine(start));
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
      unknownType: (type) => refusal('UNKNOWN_MESSAGE', text('lobby.unknownMessage', { type: describeInput(type) })),
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
    if (studentId !== undefined) {
      this.#classStudentJoined(client, studentId, nickname);
      return;
    }
    this.#run({ type: 'join', player: client.sessionId, nickname, role, host: isHost });
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
    this.#run({ type: 'connection', player: client.sessionId, connected: false });
    this.#event(`${this.#nickname(client)} dropped; seat kept for ${this.#settings.reconnectionWindowSeconds} s`);
    const reconnection = this.allowReconnection(client, this.#settings.reconnectionWindowSeconds);
    this.#reconnections.set(client.sessionId, reconnection);
    // Their turn does not wait the whole reconnection window: the dropped step limit applies from now.
    const role = this.#seatOf(client.sessionId)?.role;
    if (isRole(role) && roundInProgress(this.#table) && this.#table.game?.awaiting.includes(role)) this.#schedule();
    reconnection.then(
      () => this.#reconnections.delete(client.sessionId),
      () => this.#reconnections.delete(client.sessionId),
    );
  }

  override onReconnect(client: TableClient): void {
    this.#run({ type: 'connection', player: client.sessionId, connected: true });
    this.#event(`${this.#nickname(client)} reconnected`);
    this.#sendView(client);
  }

  override onLeave(client: TableClient): void {
    const { sessionId } = client;
    const nickname = this.#nickname(client);
    for (const effect of this.#run({ type: 'leave', player: sessionId })) {
      if (effect.type === 'left' && effect.role) {
        this.#event(`${nickname} left; ${effect.botKeepsSeat ? 'a bot keeps' : 'freed'} the ${effect.role} seat`);
        this.#schedule();
      } else if (effect.type === 'left') this.#event(`${nickname} left`);
      else if (effect.type === 'hostPassed' && effect.host) {
        this.#event(`host passed to ${this.#table.people[effect.host]?.nickname}`);
      }
    }
    this.#removed.delete(sessionId);
    this.#sentViews.delete(sessionId);
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
      this.#reject(error.client as TableClient, type, SERVER_ERROR());
    }
  }

  // ── Messages: each handler returns a refusal, or nothing when it did what was asked ──

  #onMove(client: TableClient, input: ClientToServerTableMessages['move']): Refusal | undefined | KeysPending {
    const role = this.#seatOf(client.sessionId)?.role;
    const since = isRole(role) ? this.#awaitedSince.get(role) : undefined;
    const thinkMs = since === undefined ? undefined : Date.now() - since;
    // Counted before the new state is committed: a class reads it when the move ends the round.
    return this.#runEngine({ type: 'move', player: client.sessionId, input, thinkMs }, () => {
      if (!isRole(role) || thinkMs === undefined) return;
      this.#timing[role].thinkMs += thinkMs;
      this.#timing[role].moves++;
    });
  }

  #onPickRole(client: TableClient, { role }: ClientToServerTableMessages['pickRole']): Refusal | undefined {
    const outcome = this.#tryRun({ type: 'pickRole', player: client.sessionId, role });
    if (!Array.isArray(outcome)) return outcome;
    if (outcome.length === 0) return;
    this.#event(`${this.#nickname(client)} moved to ${role ?? 'spectator'}`);
    this.#sendView(client);
  }

  #onConfigure(
    client: TableClient,
    { scenarioId, mode }: ClientToServerTableMessages['configure'],
  ): Refusal | undefined {
    const outcome = this.#tryRun({ type: 'configure', player: client.sessionId, scenarioId, mode });
    if (!Array.isArray(outcome)) return outcome;
    this.#event(`host chose ${this.#table.scenarioId} (${this.#table.mode})`);
  }

  /** Checked as a start arrives, before it waits in turn: a host cannot queue up key generation. */
  #checkStart(start: TableCommand): Refusal | undefined {
    const refused = refusalOf(this.#table, start);
    if (refused) return refused;
    if (this.#starts.take('start').ok) return undefined;
    return refusal('TOO_MANY_STARTS', text('lobby.tooManyStarts'));
  }

  #onRemove(client: TableClient, { sessionId }: ClientToServerTableMessages['remove']): Refusal | undefined {
    const outcome = this.#tryRun({ type: 'remove', player: client.sessionId, target: sessionId });
    if (!Array.isArray(outcome)) return outcome;
    this.#removed.add(sessionId);
    this.#event(`host removed ${this.#table.people[sessionId]?.nickname}`);
    const target = this.clients.getById(sessionId);
    if (target) target.leave(CLOSE_CODES.REMOVED_BY_HOST, 'The host removed you from the table.');
    else this.#reconnections.get(sessionId)?.reject(new Error('removed by the host'));
  }

  #onShowSpectators(client: TableClient, { all }: ClientToServerTableMessages['showSpectators']): Refusal | undefined {
    const outcome = this.#tryRun({ type: 'showSpectators', player: client.sessionId, all });
    if (!Array.isArray(outcome)) return outcome;
    this.#event(`spectators see ${all ? 'everything' : 'what every seat sees'}`);
    for (const c of this.clients) if (!this.#seatOf(c.sessionId)) this.#sendView(c);
  }

  // ── The table: the shared reducer decides, the room mirrors and carries out ──

  /** Reduces the table by a command that cannot be refused (the room's own: joins, leaves, class controls). */
  #run(command: TableCommand): TableEffect[] {
    const outcome = this.#tryRun(command);
    if (!Array.isArray(outcome)) throw new Error(`the table refused its own ${command.type}: ${outcome.message}`);
    return outcome;
  }

  /** Reduces the table by a command: its effects once adopted and mirrored, or the refusal (nothing changed). */
  #tryRun(command: TableCommand): TableEffect[] | Refusal {
    const outcome = reduceTable(this.#table, command);
    if (!outcome.ok) return outcome.error;
    this.#adopt(outcome.value.table, outcome.value.effects);
    return outcome.value.effects;
  }

  /**
   * A command that runs the engine (a start, a move, a bot's or an idle player's step), or KEYS_PENDING when it
   * needs RSA keys: then nothing is adopted and the command runs again, on the table as it is then, once they are.
   * `accepted` runs once it is accepted, before the new round state is committed.
   */
  #runEngine(command: TableCommand, accepted?: () => void): Refusal | undefined | KeysPending {
    const outcome = this.#engine(() => reduceTable(this.#table, command));
    if (outcome === KEYS_PENDING) return KEYS_PENDING;
    if (!outcome.ok) return outcome.error;
    accepted?.();
    this.#adopt(outcome.value.table, outcome.value.effects);
  }

  /** Adopts the next table: mirror it into schema; a new round state is committed (views, timers, class). */
  #adopt(table: Table, effects: TableEffect[]): void {
    const game = this.#table.game;
    this.#table = table;
    this.#mirror();
    for (const effect of effects) this.#logEffect(effect);
    const mover = effects.find((e) => e.type === 'moved' && e.by === 'player');
    if (table.game && table.game !== game) {
      this.#commit(
        table.game,
        effects.some((e) => e.type === 'roundFinished'),
        mover?.type === 'moved' ? mover.role : undefined,
      );
    }
  }

  /** The log lines of what happened to the round; seats and people are logged where the room knows names. */
  #logEffect(effect: TableEffect): void {
    if (effect.type === 'roundStarted') {
      const bots = effect.bots.join(', ') || 'none';
      const what = `${this.#table.scenarioId} (${this.#table.mode})`;
      this.#event(`${this.#class ? 'class ' : ''}round ${effect.round} started: ${what}; bots: ${bots}`);
    } else if (effect.type === 'timedOut') {
      if (effect.played.length === 0)
        this.#event(`step timed out but nothing could be played for ${effect.awaiting.join(', ')}`);
      else this.#event(`time ran out for ${effect.played.join(', ')}; a bot played the step`);
    } else if (effect.type === 'roundFinished') this.#event(`round ${effect.round} finished`);
  }

  /** Writes the table's public part into the synchronised schema (the schema sends only what changed). */
  #mirror(): void {
    const table = this.#table;
    for (const role of ROLES) {
      const seat = this.state.seats.get(role)!;
      const { player, nickname, connected, bot } = table.seats[role];
      seat.sessionId = player ?? '';
      seat.nickname = nickname;
      seat.connected = connected;
      seat.bot = bot;
    }
    const watching = new Set(spectatorsOf(table));
    for (const sessionId of [...this.state.spectators.keys()]) {
      if (!watching.has(sessionId)) this.state.spectators.delete(sessionId);
    }
    for (const sessionId of watching) {
      const { nickname, connected } = table.people[sessionId]!;
      const spectator = this.state.spectators.get(sessionId);
      if (!spectator) this.state.spectators.set(sessionId, new Spectator({ nickname, connected }));
      else {
        spectator.nickname = nickname;
        spectator.connected = connected;
      }
    }
    this.state.hostSessionId = table.host ?? '';
    this.state.scenarioId = table.scenarioId;
    this.state.mode = table.mode;
    this.state.round = table.round;
    this.state.paused = table.paused;
    this.state.spectatorsSeeAll = table.spectatorsSeeAll;
  }

  // ── The round ───────────────────────────────────────────────────────────

  /** Adopts a new engine state: mirror it, tell everyone their view, and arm the timers. */
  #commit(round: TableState, finished: boolean, mover?: Role): void {
    this.#markWaits(round, mover);
    this.#settings.observeRound?.(this.roomId, round);
    this.state.phase = round.phase;
    this.state.version = round.version;
    if (this.state.awaiting.join() !== round.awaiting.join()) {
      this.state.awaiting.clear();
      this.state.awaiting.push(...round.awaiting);
    }
    this.#sendViewChanges();
    this.#schedule();
    if (this.#class) this.#reportToClass(round, finished);
  }

  /** Starts each wait when a role becomes awaited (again, after its own move); ends it when it is not. */
  #markWaits(round: TableState, mover?: Role): void {
    const now = Date.now();
    for (const role of ROLES) {
      if (!round.awaiting.includes(role)) this.#awaitedSince.delete(role);
      else if (role === mover || !this.#awaitedSince.has(role)) this.#awaitedSince.set(role, now);
    }
  }

  /** Arms what `pacingOf` asks for: the next bot's move, the idle take-over, and the step countdown. */
  #schedule(): void {
    this.#botTimer?.clear();
    this.#stepTimer?.clear();
    this.#countdown?.clear();
    const pace = pacingOf(this.#table);
    if (pace.bot) {
      this.#botTimer = this.clock.setTimeout(() => this.#inTurn(() => this.#playBot()), pace.bot.delayMs);
    }
    // Measured on the room's clock, which its timers use (it advances in ticks, not with Date.now).
    const stepStart = this.clock.currentTime;
    if (pace.timeoutMs !== null) {
      this.#stepTimer = this.clock.setTimeout(() => this.#inTurn(() => this.#playForIdle(stepStart)), pace.timeoutMs);
    }
    for (const role of ROLES) {
      const limit = pace.humanLimits[role];
      this.state.seats.get(role)!.stepDeadline = limit === undefined ? 0 : Date.now() + limit;
    }
    const humanLimits = Object.values(pace.humanLimits);
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
    const outcome = this.#runEngine({ type: 'botMove' });
    if (outcome === KEYS_PENDING) return KEYS_PENDING;
    if (outcome) this.#event(`bot move was rejected (${outcome.code}): ${outcome.message}`);
  }

  /** A step's time ran out: the reducer plays the step of each awaited seat whose time is up. */
  #playForIdle(stepStart: number): KeysPending | undefined {
    const outcome = this.#runEngine({ type: 'timeout', elapsedMs: this.clock.currentTime - stepStart });
    if (outcome === KEYS_PENDING) return KEYS_PENDING;
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
          refused(SERVER_ERROR());
        }
      },
    );
    return KEYS_PENDING;
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
    this.#run({ type: 'join', player: client.sessionId, nickname, role: role ?? null });
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
    const seats = {} as Record<Role, LobbySeat>;
    for (const role of ROLES) {
      const assigned = start.seating[role];
      const sessionId = assigned ? (this.#studentSessions.get(assigned.studentId) ?? '') : '';
      const connected = sessionId !== '' && this.clients.getById(sessionId) !== undefined;
      seats[role] = {
        player: connected ? sessionId : null,
        nickname: assigned?.nickname ?? '',
        connected,
        bot: !assigned?.present,
        ...(assigned ? { stepLimitMs: assigned.stepLimitMs } : {}),
      };
      this.#playedFromStart[role] = assigned?.present ?? false;
      if (assigned) this.#classSeating[role] = assigned.studentId;
    }
    this.#timing = noTiming();
    this.#awaitedSince.clear();
    const { round, scenarioId, mode } = start;
    this.#run({ type: 'seatClassRound', round, scenarioId, mode, seats });
    const epoch = ++this.#roundEpoch;
    const seed = randomSeed();
    this.#inTurn(() => {
      // Interrupted, closed or started again while its RSA key was being made: this start is stale.
      if (epoch !== this.#roundEpoch) return;
      return this.#runEngine({ type: 'deal', seed });
    });
    return { ...this.#playedFromStart };
  }

  /** Pauses or resumes the table: while paused no timer runs and moves wait; waits resume where they were. */
  setPaused(paused: boolean): void {
    if (this.#table.paused === paused) return;
    this.#run({ type: 'pause', paused });
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
    const game = this.#table.closed ? null : this.#table.game;
    if (game?.phase !== 'debrief') return null;
    return { round: this.#table.round, view: viewFor(game, 'spectator') };
  }

  /** The class moved on without this round's debrief: the round stops and is not reported. */
  interruptRound(): boolean {
    this.#roundEpoch++;
    if (this.#run({ type: 'interrupt' }).length === 0) return false;
    this.state.phase = 'interrupted';
    this.state.awaiting.clear();
    this.#schedule();
    this.#event(`round ${this.state.round} interrupted by the class`);
    return true;
  }

  /** A class student's new time allowance, from their next step. */
  setStudentStepLimit(studentId: string, stepLimitMs: number | null): void {
    const role = ROLES.find((r) => this.#classSeating[r] === studentId);
    if (role) this.#run({ type: 'setStepLimit', role, stepLimitMs });
  }

  renameStudent(studentId: string, nickname: string): void {
    const sessionId = this.#studentSessions.get(studentId) ?? null;
    const role = ROLES.find((r) => this.#classSeating[r] === studentId) ?? null;
    this.#run({ type: 'rename', player: sessionId, role, nickname });
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
    this.#run({ type: 'close' });
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
      round: this.#table.round,
      scenarioId: round.scenario.id,
      mode: round.mode,
      seating,
      played: { ...this.#playedFromStart },
      // Only points the students earned themselves: a bot that played their timed-out steps earned those, and
      // a student who made no move of their own does not share in the round's outcome either.
      scores: round.scores
        .filter((s, i) => !this.#table.botPoints.includes(i) && this.#timing[s.role].moves > 0)
        .map((s) => ({ ...s })),
      outcome: structuredClone(round.outcome),
      timing: structuredClone(this.#timing),
    });
  }

  // ── Seats, views, helpers ─────────────────────────────────────────────

  #seatOf(sessionId: string): Seat | undefined {
    for (const seat of this.state.seats.values()) if (seat.sessionId === sessionId) return seat;
    return undefined;
  }

  #seatHeld(role: Role): boolean {
    return this.state.seats.get(role)?.sessionId !== '';
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
    const game = this.#table.game;
    if (!game) return;
    this.#sendFullView(client, this.#viewOf(game, this.#viewerOf(client)));
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
    const round = this.#table.game;
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

  #nickname(client: TableClient): string {
    return this.#table.people[client.sessionId]?.nickname ?? client.sessionId;
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
