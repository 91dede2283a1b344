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
  initialState,
  type ProtocolMode,
  ROLES,
  type Role,
  randomSeed,
  SCENARIOS,
  type TableState,
  timeoutMove,
  viewFor,
} from '@handshake/shared';
import {
  CLOSE_REMOVED_BY_HOST,
  type ClientToServerType,
  type ServerToClientRejected,
  type TableJoinOptions,
} from '../protocol.ts';
import type { TableSettings } from '../settings.ts';
import { type Admission, admit, isRole, type JoinError } from './admission.ts';
import { hostKeyMatches } from './hostKey.ts';
import { liveRoomCodes } from './roomCode.ts';
import { PublicTable, Seat, Spectator } from './schema/TableState.ts';

/** Server-side options, set by the app config (clients cannot create rooms, so none of this is client input). */
export interface TableRoomOptions {
  hostKey: string;
  settings: TableSettings;
  log: (line: string) => void;
}

interface TableAuth extends Admission {
  isHost: boolean;
}

type TableClient = Client<{ auth: TableAuth }>;

/** HTTP-like status codes for refused joins, carried by ServerError to the joining client. */
const JOIN_REFUSED_STATUS = 403;

/** Why a message was refused; sent back to its sender alone as `rejected`. */
type Refusal = Omit<ServerToClientRejected, 'request'>;
const refusal = (code: Refusal['code'], message: string): Refusal => ({ code, message });
const NOT_HOST = refusal('NOT_HOST', 'Only the host can do that.');

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

  override onCreate(options: TableRoomOptions): void {
    this.roomId = liveRoomCodes.claim();
    this.state.code = this.roomId;
    this.#hostKey = options.hostKey;
    this.#settings = options.settings;
    this.#log = options.log;
    this.maxClients = ROLES.length + this.#settings.maxSpectators;
    this.maxMessagesPerSecond = this.#settings.maxMessagesPerSecond;
    for (const role of ROLES) this.state.seats.set(role, new Seat({ role }));
    const firstScenario = SCENARIOS[0];
    if (firstScenario) {
      this.state.scenarioId = firstScenario.id;
      this.state.mode = firstScenario.modes[0] ?? '';
    }

    const handlers: Record<ClientToServerType, (client: TableClient, message: unknown) => Refusal | undefined> = {
      move: (client, input) => this.#onMove(client, input),
      pickRole: (client, message) => this.#onPickRole(client, message),
      configure: (client, message) => this.#onConfigure(client, message),
      start: (client) => this.#onStart(client),
      remove: (client, message) => this.#onRemove(client, message),
    };
    for (const [type, handle] of Object.entries(handlers)) {
      this.onMessage(type, (client: TableClient, message: unknown) => {
        const refused = handle(client, message);
        if (refused) this.#reject(client, type, refused);
      });
    }
    this.onMessage('*', (client: TableClient, type: string | number) => {
      this.#reject(
        client,
        String(type),
        refusal('UNKNOWN_MESSAGE', `The table does not understand "${String(type)}".`),
      );
    });
    this.#event('created');
  }

  /** The checks a join passes, also asked by the join route before it reserves a seat. */
  checkJoin(options: unknown): JoinError | null {
    const result = admit(options, this.#occupancy());
    return result.ok ? null : result.error;
  }

  override onAuth(_client: TableClient, options: TableJoinOptions): TableAuth {
    const result = admit(options, this.#occupancy());
    if (!result.ok) throw new ServerError(JOIN_REFUSED_STATUS, `${result.error.code}: ${result.error.message}`);
    return { ...result.value, isHost: hostKeyMatches(this.#hostKey, options.hostKey) };
  }

  override onJoin(client: TableClient): void {
    const { nickname, role, isHost } = client.auth as TableAuth;
    this.#people.set(client.sessionId, { nickname, joinedAt: Date.now() });
    if (role) this.#sit(client.sessionId, nickname, role);
    else this.state.spectators.set(client.sessionId, new Spectator({ nickname }));
    if (isHost) this.state.hostSessionId = client.sessionId;
    this.#event(`${nickname} joined as ${role ?? 'spectator'}${isHost ? ' (host)' : ''}`);
    this.#sendView(client);
  }

  override onDrop(client: TableClient): void {
    if (this.#removed.has(client.sessionId)) return;
    this.#setConnected(client.sessionId, false);
    this.#event(`${this.#nickname(client)} dropped; seat kept for ${this.#settings.reconnectionWindowSeconds} s`);
    const reconnection = this.allowReconnection(client, this.#settings.reconnectionWindowSeconds);
    this.#reconnections.set(client.sessionId, reconnection);
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
    if (this.state.hostSessionId === sessionId) this.#passHostOn();
  }

  override onDispose(): void {
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

  #onMove(client: TableClient, input: unknown): Refusal | undefined {
    const round = this.#round;
    if (!round) return refusal('NO_ROUND', 'No round is being played; wait for the host to start one.');
    const seat = this.#seatOf(client.sessionId);
    if (!seat) return refusal('NOT_SEATED', 'Spectators watch; take a free seat to play.');
    if (seat.bot) return refusal('BOT_HAS_SEAT', 'A bot plays this seat until the next round starts.');
    const result = applyMove(round, seat.role as Role, input);
    if (!result.ok) return result.error;
    this.#commit(result.value);
  }

  #onPickRole(client: TableClient, message: unknown): Refusal | undefined {
    const role = (message as { role?: unknown } | null)?.role;
    if (role !== null && !isRole(role)) return refusal('UNKNOWN_ROLE', `There is no role called ${String(role)}.`);
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

  #onConfigure(client: TableClient, message: unknown): Refusal | undefined {
    if (!this.#isHost(client)) return NOT_HOST;
    if (this.#roundInProgress()) return refusal('ROUND_IN_PROGRESS', 'Change the scenario between rounds.');
    const { scenarioId, mode } = (message ?? {}) as { scenarioId?: unknown; mode?: unknown };
    const scenario = SCENARIOS.find((s) => s.id === scenarioId);
    if (!scenario) return refusal('UNKNOWN_SCENARIO', `There is no scenario "${String(scenarioId)}".`);
    const chosenMode = (mode ?? scenario.modes[0]) as ProtocolMode;
    if (!scenario.modes.includes(chosenMode)) {
      return refusal('UNSUPPORTED_MODE', `"${scenario.title}" is not played in mode "${String(mode)}".`);
    }
    this.state.scenarioId = scenario.id;
    this.state.mode = chosenMode;
    this.#event(`host chose ${scenario.id} (${chosenMode})`);
  }

  /** Starts a round, or restarts the current one: seats without a human get bots. */
  #onStart(client: TableClient): Refusal | undefined {
    if (!this.#isHost(client)) return NOT_HOST;
    const round = initialState({
      scenarioId: this.state.scenarioId,
      mode: this.state.mode as ProtocolMode,
      seed: randomSeed(),
    });
    this.state.round++;
    for (const seat of this.state.seats.values()) seat.bot = seat.sessionId === '';
    const bots = ROLES.filter((r) => this.#seatPlayedByBot(r)).join(', ') || 'none';
    this.#event(`round ${this.state.round} started: ${this.state.scenarioId} (${this.state.mode}); bots: ${bots}`);
    this.#commit(round);
  }

  #onRemove(client: TableClient, message: unknown): Refusal | undefined {
    if (!this.#isHost(client)) return NOT_HOST;
    const sessionId = (message as { sessionId?: unknown } | null)?.sessionId;
    if (typeof sessionId !== 'string' || sessionId === client.sessionId || !this.#people.has(sessionId)) {
      return refusal('UNKNOWN_PLAYER', 'There is no such player to remove.');
    }
    this.#removed.add(sessionId);
    this.#event(`host removed ${this.#people.get(sessionId)?.nickname}`);
    const target = this.clients.getById(sessionId);
    if (target) target.leave(CLOSE_REMOVED_BY_HOST, 'The host removed you from the table.');
    else this.#reconnections.get(sessionId)?.reject(new Error('removed by the host'));
  }

  // ── The round ───────────────────────────────────────────────────────────

  /** Adopts a new engine state: mirror it, tell everyone their view, and arm the timers. */
  #commit(round: TableState): void {
    const wasOver = this.#round?.phase === 'debrief';
    this.#round = round;
    this.#settings.observeRound?.(this.roomId, round);
    this.state.phase = round.phase;
    this.state.version = round.version;
    if (this.state.awaiting.join() !== round.awaiting.join()) {
      this.state.awaiting.clear();
      this.state.awaiting.push(...round.awaiting);
    }
    for (const client of this.clients) this.#sendView(client);
    if (round.phase === 'debrief' && !wasOver) this.#event(`round ${this.state.round} finished`);
    this.#schedule();
  }

  /** Bots act after a short delay; anyone still idle when the step's time runs out has the step played for them. */
  #schedule(): void {
    this.#botTimer?.clear();
    this.#stepTimer?.clear();
    this.#countdown?.clear();
    const round = this.#round;
    const awaiting = round && round.phase !== 'debrief' ? round.awaiting : [];
    const humans = awaiting.filter((role) => !this.#seatPlayedByBot(role));
    if (awaiting.some((role) => this.#seatPlayedByBot(role))) {
      this.#botTimer = this.clock.setTimeout(() => this.#playBot(), this.#settings.botMoveDelayMs);
    }
    if (awaiting.length > 0) {
      this.#stepTimer = this.clock.setTimeout(() => this.#playForIdle(), this.#settings.stepTimeLimitMs);
    }
    if (humans.length === 0) {
      this.state.stepDeadline = 0;
      this.state.stepSecondsLeft = 0;
      return;
    }
    const deadline = Date.now() + this.#settings.stepTimeLimitMs;
    const secondsLeft = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    this.state.stepDeadline = deadline;
    this.state.stepSecondsLeft = secondsLeft();
    this.#countdown = this.clock.setInterval(() => {
      this.state.stepSecondsLeft = secondsLeft();
    }, 1000);
  }

  /** One bot move at a time, so people can follow what the bots do. */
  #playBot(): void {
    const round = this.#round;
    if (!round) return;
    for (const role of round.awaiting) {
      if (!this.#seatPlayedByBot(role)) continue;
      const input = botMove(round, role);
      if (!input) continue;
      const result = applyMove(round, role, input);
      if (result.ok) {
        this.#commit(result.value);
        return;
      }
      this.#event(`bot move for ${role} was rejected (${result.error.code}): ${result.error.message}`);
    }
  }

  /** The step's time ran out: play what the engine plays for an idle player, for each role still awaited. */
  #playForIdle(): void {
    let round = this.#round;
    if (!round) return;
    const played: string[] = [];
    for (const role of [...round.awaiting]) {
      if (!round.awaiting.includes(role)) continue;
      const input = timeoutMove(round, role) ?? botMove(round, role);
      if (!input) continue;
      const result = applyMove(round, role, input);
      if (result.ok) {
        round = result.value;
        played.push(role);
      }
    }
    if (played.length === 0) {
      this.#event(`step timed out but nothing could be played for ${round.awaiting.join(', ')}`);
      return;
    }
    this.#event(`time ran out for ${played.join(', ')}; a bot played the step`);
    this.#commit(round);
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
  #sendView(client: TableClient): void {
    if (!this.#round) return;
    const role = this.#seatOf(client.sessionId)?.role;
    client.send('view', viewFor(this.#round, isRole(role) ? role : 'spectator'));
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
