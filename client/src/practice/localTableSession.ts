/**
 * A private practice table that runs entirely in this browser: the same rules engine and the same table
 * lifecycle (`reduceTable`, `pacingOf`) as the game server, the student in one seat and the engine's bots in
 * the others, at a pace the student controls. A thin scheduler over the reducer; no DOM here.
 * @module
 */
import {
  type Hint,
  hintFor,
  type MoveInput,
  newTable,
  type Personality,
  type ProtocolMode,
  pacingOf,
  ROLES,
  type Role,
  randomSeed,
  reduceTable,
  refusalOf,
  seatOf,
  type Table,
  type TableCommand,
  type TableRefusal,
  type TableState,
  type Viewer,
  viewFor,
} from '@handshake/shared';
import type { Rejection, TableSession, TableSnapshot } from '../table/session.ts';

/** Bots act on their own after a short delay ('auto'), or each waits for the student's "next" ('step'). */
export type Pace = 'auto' | 'step';

/** How long a bot "thinks" in auto pace: long enough to follow the envelope, short enough not to bore. */
export const BOT_DELAY_MS = 900;

/** Runs `task` after `ms`; returns a cancel function. Tests pass a manual clock. */
export type Scheduler = (task: () => void, ms: number) => () => void;

export const browserScheduler: Scheduler = (task, ms) => {
  const id = setTimeout(task, ms);
  return () => clearTimeout(id);
};

/** The student's id at the table (the reducer names people by id; a practice table has one). */
const YOU = 'you';

/** The bots go by the textbook names of cryptography's cast: Alice and Bob talk, Trent is trusted, Eve listens. */
export const BOT_NAMES: Record<Role, string> = { client: 'Alice', server: 'Bob', ca: 'Trent', eavesdropper: 'Eve' };

export interface HintsUsed {
  /** Level-1 hints (the concept) asked for this round. */
  concepts: number;
  /** Level-2 hints (the action) asked for this round. */
  actions: number;
}

/** What the practice toolbar shows besides the table itself. */
export interface PracticeStatus {
  pace: Pace;
  /** The bot whose move waits for "next" (step pace), or null. */
  botWaiting: Role | null;
  /** The engine is working (dealing a round or applying a bot's move). */
  busy: boolean;
  hintsUsed: HintsUsed;
  /** The hint shown for the current step, if the student asked for one. */
  hint: Hint | null;
}

export interface LocalTableOptions {
  scenarioId: string;
  mode?: ProtocolMode;
  /** The student's seat (null: watch the bots play). */
  role: Role | null;
  nickname?: string;
  pace?: Pace;
  botDelayMs?: number;
  personalities?: Partial<Record<Role, Personality>>;
  /** A round's seed; the platform CSPRNG unless a test fixes it. */
  seed?: () => Uint8Array;
  schedule?: Scheduler;
  /** RSA modulus for classic mode (tests use less for speed). */
  rsaBits?: number;
}

export class LocalTableSession implements TableSession {
  #table: Table;
  #snapshot: TableSnapshot;
  #pace: Pace;
  #busy = false;
  #botWaiting: Role | null = null;
  #hintsUsed: HintsUsed = { concepts: 0, actions: 0 };
  #hint: Hint | null = null;
  #cancelPending: (() => void) | null = null;
  /** The round state and seat the snapshot's view was made for. */
  #viewBase: { game: TableState; viewer: Viewer } | null = null;
  readonly #options: LocalTableOptions;
  readonly #schedule: Scheduler;
  readonly #changeListeners = new Set<(s: TableSnapshot) => void>();
  readonly #rejectListeners = new Set<(r: Rejection) => void>();
  readonly #statusListeners = new Set<(s: PracticeStatus) => void>();

  constructor(options: LocalTableOptions) {
    this.#options = options;
    this.#schedule = options.schedule ?? browserScheduler;
    this.#pace = options.pace ?? 'auto';
    // A practice table has no step limit: the student thinks as long as they like; the pace sets the bots'.
    const table = newTable({
      scenarioId: options.scenarioId,
      mode: options.mode,
      personalities: options.personalities,
      pacing: { botDelayMs: options.botDelayMs ?? BOT_DELAY_MS, stepLimitMs: null, droppedStepLimitMs: null },
    });
    const nickname = options.nickname ?? 'Player';
    const joined = reduceTable(table, { type: 'join', player: YOU, nickname, role: options.role, host: true });
    this.#table = joined.ok ? joined.value.table : table;
    this.#snapshot = {
      code: null,
      seats: [],
      you: { role: options.role, isHost: true, nickname },
      scenarioId: table.scenarioId,
      mode: table.mode,
      round: 0,
      stepSecondsLeft: null,
      paused: false,
      view: null,
      connection: 'connected',
      closedReason: null,
    };
    this.#refresh();
  }

  get snapshot(): TableSnapshot {
    return this.#snapshot;
  }

  /** The full table state (every secret): this browser holds it anyway; for the round's result and par. */
  get state(): TableState | null {
    return this.#table.game;
  }

  get status(): PracticeStatus {
    return {
      pace: this.#pace,
      botWaiting: this.#botWaiting,
      busy: this.#busy,
      hintsUsed: { ...this.#hintsUsed },
      hint: this.#hint,
    };
  }

  onChange(listener: (snapshot: TableSnapshot) => void): () => void {
    this.#changeListeners.add(listener);
    return () => this.#changeListeners.delete(listener);
  }

  onRejected(listener: (rejection: Rejection) => void): () => void {
    this.#rejectListeners.add(listener);
    return () => this.#rejectListeners.delete(listener);
  }

  onStatus(listener: (status: PracticeStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  sendMove(input: MoveInput): void {
    if (this.#request('move', { type: 'move', player: YOU, input })) this.#advance();
  }

  pickRole(role: Role | null): void {
    if (this.#request('pickRole', { type: 'pickRole', player: YOU, role })) this.#emit();
  }

  configure(scenarioId: string, mode: ProtocolMode): void {
    if (this.#request('configure', { type: 'configure', player: YOU, scenarioId, mode })) this.#emit();
  }

  /** Deals a new round (also mid-round: practice may restart at any time). The engine work runs off the click. */
  start(): void {
    const start: TableCommand = {
      type: 'start',
      player: YOU,
      seed: (this.#options.seed ?? randomSeed)(),
      rsaBits: this.#options.rsaBits,
    };
    const refused = refusalOf(this.#table, start);
    if (refused) {
      this.#reject('start', refused);
      return;
    }
    this.#cancel();
    this.#setBusy(true);
    this.#cancelPending = this.#schedule(() => {
      this.#cancelPending = null;
      this.#hintsUsed = { concepts: 0, actions: 0 };
      if (this.#request('start', start)) this.#advance();
    }, 0);
  }

  /** Nobody else sits at a practice table: the reducer answers as it would for a seat without a person. */
  removeFromSeat(role: Role): void {
    this.#request('remove', { type: 'remove', player: YOU, target: this.#table.seats[role].player ?? '' });
  }

  leave(): void {
    this.#cancel();
    this.#request('leave', { type: 'close' });
    this.#snapshot = { ...this.#snapshot, connection: 'closed', closedReason: 'You left the practice table.' };
    this.#emit();
    this.#changeListeners.clear();
    this.#rejectListeners.clear();
    this.#statusListeners.clear();
  }

  setPace(pace: Pace): void {
    if (pace === this.#pace) return;
    this.#pace = pace;
    this.#cancel();
    this.#scheduleBots();
  }

  /** Plays the waiting bot's move now (the "next" button). Returns whether a bot moved. */
  next(): boolean {
    if (!this.#table.game || this.#busy || !this.#botWaiting) return false;
    this.#cancel();
    // The bot's engine work runs after the click has been drawn; the button is disabled meanwhile.
    this.#botWaiting = null;
    this.#setBusy(true);
    this.#cancelPending = this.#schedule(() => {
      this.#cancelPending = null;
      this.#playBot();
    }, 0);
    return true;
  }

  /** The next hint for this step: the concept first, then the action. Asking again repeats the action for free. */
  askHint(): Hint | null {
    const role = this.#snapshot.you.role;
    const game = this.#table.game;
    if (!game || !role) return null;
    const level = this.#hint ? 2 : 1;
    if (this.#hint?.level === 2) return this.#hint;
    const hint = hintFor(game, role, level);
    if (!hint) return null;
    if (level === 1) this.#hintsUsed.concepts++;
    else this.#hintsUsed.actions++;
    this.#hint = hint;
    this.#emitStatus();
    return hint;
  }

  /** Runs a command through the table's reducer: true once adopted, false after telling who asked why not. */
  #request(request: string, command: TableCommand): boolean {
    const outcome = reduceTable(this.#table, command);
    if (!outcome.ok) {
      this.#reject(request, outcome.error);
      return false;
    }
    this.#table = outcome.value.table;
    this.#refresh();
    return true;
  }

  /** A new round state: the hint was for the last step; the bots get their turn. */
  #advance(): void {
    this.#hint = null;
    this.#busy = false;
    this.#emit();
    this.#scheduleBots();
  }

  /** The snapshot the screen draws, from the table. */
  #refresh(): void {
    const table = this.#table;
    const role = seatOf(table, YOU);
    const game = table.game;
    const viewer: Viewer = role ?? 'spectator';
    // The same round seen from the same seat keeps its view object: nothing changed for the screen.
    const same = this.#viewBase?.game === game && this.#viewBase.viewer === viewer;
    const view = !game ? null : same ? this.#snapshot.view : viewFor(game, viewer);
    this.#viewBase = game ? { game, viewer } : null;
    this.#snapshot = {
      ...this.#snapshot,
      seats: ROLES.map((r) => {
        const seat = table.seats[r];
        return {
          role: r,
          nickname: seat.player ? seat.nickname : BOT_NAMES[r],
          bot: seat.bot,
          connected: true,
          you: seat.player === YOU,
        };
      }),
      you: { ...this.#snapshot.you, role },
      scenarioId: table.scenarioId,
      mode: table.mode,
      round: table.round,
      view,
    };
  }

  #scheduleBots(): void {
    // A bot move planned before the student's own move is for a state that no longer exists.
    this.#cancel();
    const bot = this.#snapshot.connection === 'closed' ? null : pacingOf(this.#table).bot;
    this.#botWaiting = bot?.role ?? null;
    if (bot && this.#pace === 'auto') {
      this.#cancelPending = this.#schedule(() => {
        this.#cancelPending = null;
        this.#playBot();
      }, bot.delayMs);
    }
    this.#emitStatus();
  }

  #playBot(): void {
    const outcome = reduceTable(this.#table, { type: 'botMove' });
    if (!outcome.ok) {
      // A bot without a legal move is an engine bug; say so rather than hang the table silently.
      this.#snapshot = { ...this.#snapshot, connection: 'closed', closedReason: outcome.error.message };
      this.#botWaiting = null;
      this.#busy = false;
      this.#emit();
      this.#emitStatus();
      return;
    }
    this.#table = outcome.value.table;
    this.#refresh();
    if (outcome.value.effects.length === 0) {
      this.#busy = false;
      this.#scheduleBots();
      return;
    }
    this.#advance();
  }

  #cancel(): void {
    this.#cancelPending?.();
    this.#cancelPending = null;
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    this.#emitStatus();
  }

  #reject(request: string, { code, message }: TableRefusal): void {
    for (const listener of this.#rejectListeners) listener({ request, code, message });
  }

  #emit(): void {
    for (const listener of this.#changeListeners) listener(this.#snapshot);
  }

  #emitStatus(): void {
    const status = this.status;
    for (const listener of this.#statusListeners) listener(status);
  }
}
