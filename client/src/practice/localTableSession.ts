/**
 * A private practice table that runs entirely in this browser: the same rules engine as the game server, the
 * student in one seat and the engine's bots in the others, at a pace the student controls. No DOM here.
 * @module
 */
import {
  applyMove,
  botMove,
  findScenario,
  type Hint,
  hintFor,
  initialState,
  type MoveInput,
  type Personality,
  type ProtocolMode,
  ROLES,
  type Role,
  randomSeed,
  type TableState,
  viewFor,
} from '@handshake/shared';
import type { Rejection, SeatSnapshot, TableSession, TableSnapshot } from '../table/session.ts';

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
  #snapshot: TableSnapshot;
  #state: TableState | null = null;
  #pace: Pace;
  #busy = false;
  #botWaiting: Role | null = null;
  #hintsUsed: HintsUsed = { concepts: 0, actions: 0 };
  #hint: Hint | null = null;
  #cancelPending: (() => void) | null = null;
  readonly #options: LocalTableOptions;
  readonly #schedule: Scheduler;
  readonly #changeListeners = new Set<(s: TableSnapshot) => void>();
  readonly #rejectListeners = new Set<(r: Rejection) => void>();
  readonly #statusListeners = new Set<(s: PracticeStatus) => void>();

  constructor(options: LocalTableOptions) {
    const scenario = findScenario(options.scenarioId);
    if (!scenario) throw new RangeError(`Unknown scenario: ${options.scenarioId}`);
    this.#options = options;
    this.#schedule = options.schedule ?? browserScheduler;
    this.#pace = options.pace ?? 'auto';
    this.#snapshot = {
      code: null,
      seats: [],
      you: { role: options.role, isHost: true, nickname: options.nickname ?? 'Player' },
      scenarioId: scenario.id,
      mode: options.mode ?? scenario.modes[0]!,
      round: 0,
      stepSecondsLeft: null,
      paused: false,
      view: null,
      connection: 'connected',
      closedReason: null,
    };
    this.#snapshot.seats = this.#seats();
  }

  get snapshot(): TableSnapshot {
    return this.#snapshot;
  }

  /** The full table state (every secret): this browser holds it anyway; for the round's result and par. */
  get state(): TableState | null {
    return this.#state;
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
    const role = this.#snapshot.you.role;
    const state = this.#state;
    if (this.#closed()) this.#reject('move', 'TABLE_CLOSED', 'You left this practice table.');
    else if (!state) this.#reject('move', 'NO_ROUND', 'No round is being played: start one first.');
    else if (!role) this.#reject('move', 'NOT_SEATED', 'You are watching: take a seat to play.');
    else {
      const result = applyMove(state, role, input);
      if (result.ok) this.#advance(result.value);
      else this.#reject('move', result.error.code, result.error.message);
    }
  }

  pickRole(role: Role | null): void {
    if (this.#midRound())
      this.#reject('pickRole', 'ROUND_IN_PROGRESS', 'Seats change between rounds: finish or restart this one.');
    else if (role && !findScenario(this.#snapshot.scenarioId)!.roles.includes(role))
      this.#reject('pickRole', 'ROLE_NOT_PLAYABLE', `This scenario cannot be practised as the ${role}.`);
    else {
      this.#snapshot = { ...this.#snapshot, you: { ...this.#snapshot.you, role } };
      this.#snapshot.seats = this.#seats();
      this.#emit();
    }
  }

  configure(scenarioId: string, mode: ProtocolMode): void {
    const scenario = findScenario(scenarioId);
    if (this.#midRound()) this.#reject('configure', 'ROUND_IN_PROGRESS', 'The scenario changes between rounds.');
    else if (!scenario) this.#reject('configure', 'UNKNOWN_SCENARIO', `There is no scenario “${scenarioId}”.`);
    else if (!scenario.modes.includes(mode))
      this.#reject('configure', 'UNKNOWN_MODE', `“${scenario.title}” is not played in ${mode}.`);
    else {
      this.#snapshot = { ...this.#snapshot, scenarioId, mode };
      this.#emit();
    }
  }

  /** Deals a new round (also mid-round: practice may restart at any time). The engine work runs off the click. */
  start(): void {
    if (this.#closed()) {
      this.#reject('start', 'TABLE_CLOSED', 'You left this practice table.');
      return;
    }
    this.#cancel();
    this.#setBusy(true);
    this.#cancelPending = this.#schedule(() => {
      this.#cancelPending = null;
      const { scenarioId, mode } = this.#snapshot;
      const seed = (this.#options.seed ?? randomSeed)();
      const state = initialState({ scenarioId, mode, seed, rsaBits: this.#options.rsaBits });
      this.#hintsUsed = { concepts: 0, actions: 0 };
      this.#snapshot = { ...this.#snapshot, round: this.#snapshot.round + 1 };
      this.#advance(state);
    }, 0);
  }

  removeFromSeat(_role: Role): void {
    this.#reject(
      'remove',
      'NOT_AVAILABLE',
      'Bots play the other seats of a practice table; there is no one to remove.',
    );
  }

  leave(): void {
    this.#cancel();
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
    const role = this.#botWaiting;
    if (!this.#state || this.#busy || !role) return false;
    this.#cancel();
    // The bot's engine work runs after the click has been drawn; the button is disabled meanwhile.
    this.#botWaiting = null;
    this.#setBusy(true);
    this.#cancelPending = this.#schedule(() => {
      this.#cancelPending = null;
      this.#playBot(role);
    }, 0);
    return true;
  }

  /** The next hint for this step: the concept first, then the action. Asking again repeats the action for free. */
  askHint(): Hint | null {
    const role = this.#snapshot.you.role;
    if (!this.#state || !role) return null;
    const level = this.#hint ? 2 : 1;
    if (this.#hint?.level === 2) return this.#hint;
    const hint = hintFor(this.#state, role, level);
    if (!hint) return null;
    if (level === 1) this.#hintsUsed.concepts++;
    else this.#hintsUsed.actions++;
    this.#hint = hint;
    this.#emitStatus();
    return hint;
  }

  #advance(state: TableState): void {
    this.#hint = null;
    this.#state = state;
    this.#busy = false;
    this.#snapshot = { ...this.#snapshot, view: viewFor(state, this.#snapshot.you.role ?? 'spectator') };
    this.#emit();
    this.#scheduleBots();
  }

  #scheduleBots(): void {
    // A bot move planned before the student's own move is for a state that no longer exists.
    this.#cancel();
    const state = this.#state;
    this.#botWaiting = state ? this.#awaitedBot(state) : null;
    if (this.#botWaiting && this.#pace === 'auto') {
      const role = this.#botWaiting;
      this.#cancelPending = this.#schedule(() => {
        this.#cancelPending = null;
        this.#playBot(role);
      }, this.#options.botDelayMs ?? BOT_DELAY_MS);
    }
    this.#emitStatus();
  }

  #playBot(role: Role): void {
    const state = this.#state!;
    if (!state.awaiting.includes(role)) {
      this.#busy = false;
      this.#scheduleBots();
      return;
    }
    const input = botMove(state, role, this.#options.personalities?.[role]);
    const result = input ? applyMove(state, role, input) : null;
    if (!result?.ok) {
      // A bot without a legal move is an engine bug; say so rather than hang the table silently.
      const why = result && !result.ok ? result.error.message : 'it has no legal move';
      this.#snapshot = { ...this.#snapshot, connection: 'closed', closedReason: `The ${role} bot is stuck: ${why}` };
      this.#botWaiting = null;
      this.#busy = false;
      this.#emit();
      this.#emitStatus();
      return;
    }
    this.#advance(result.value);
  }

  /** The first bot seat the engine waits for (in seat order), or null when only the student is awaited. */
  #awaitedBot(state: TableState): Role | null {
    if (state.phase === 'debrief' || this.#closed()) return null;
    return ROLES.find((r) => r !== this.#snapshot.you.role && state.awaiting.includes(r)) ?? null;
  }

  #seats(): SeatSnapshot[] {
    const you = this.#snapshot.you;
    return ROLES.map((role) => ({
      role,
      nickname: role === you.role ? you.nickname : BOT_NAMES[role],
      bot: role !== you.role,
      connected: true,
      you: role === you.role,
    }));
  }

  #midRound(): boolean {
    return this.#state !== null && this.#state.phase !== 'debrief';
  }

  #closed(): boolean {
    return this.#snapshot.connection === 'closed';
  }

  #cancel(): void {
    this.#cancelPending?.();
    this.#cancelPending = null;
  }

  #setBusy(busy: boolean): void {
    this.#busy = busy;
    this.#emitStatus();
  }

  #reject(request: string, code: string, message: string): void {
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
