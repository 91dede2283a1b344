/**
 * A table's lifecycle as plain data and one pure reducer: who sits where, the host, the chosen scenario and
 * mode, and the round being played. The game server's `TableRoom` and the browser's practice table both run
 * it, so a request is refused for the same reason, with the same code, on either. No clock and no timer here:
 * thinking time comes in with a move, elapsed time with a timeout; `pacing.ts` says what to schedule.
 * @module
 */
import type { TableErrorCode } from '../protocol/table.ts';
import { botMove, type Personality, timeoutMove } from '../rules/bots.ts';
import { applyMove } from '../rules/engine.ts';
import { initialState } from '../rules/initial.ts';
import { findScenario, SCENARIOS } from '../rules/scenarios.ts';
import type { TableState } from '../rules/state.ts';
import { type ProtocolMode, type Result, ROLES, type Role, type RuleErrorCode } from '../rules/types.ts';
import type { MessageId } from '../text/en/index.ts';
import { render, type Text, text } from '../text/text.ts';
import { describeInput } from './describeInput.ts';
import { dueForTimeout, type PacingRules } from './pacing.ts';

/** Between rounds (none dealt yet, or the last one interrupted), a round being played, or its debrief. */
export type TablePhase = 'lobby' | 'playing' | 'debrief';

export interface LobbySeat {
  /** Who sits here: a connection's session id on the server, the student in practice; null = nobody. */
  readonly player: string | null;
  readonly nickname: string;
  readonly connected: boolean;
  /** A bot plays this seat this round; a seat nobody holds gets one when a round starts. */
  readonly bot: boolean;
  /** This seat's own step limit (ms, null = none), set by a class for its student; absent = the table's. */
  readonly stepLimitMs?: number | null;
}

export interface LobbyPerson {
  readonly nickname: string;
  readonly connected: boolean;
  /** Order of arrival: the host role passes to whoever has been here longest. */
  readonly arrival: number;
}

export interface Table {
  readonly seats: Readonly<Record<Role, LobbySeat>>;
  /** Everyone at the table, seated or watching, dropped players whose place waits for them included. */
  readonly people: Readonly<Record<string, LobbyPerson>>;
  readonly arrivals: number;
  readonly host: string | null;
  readonly scenarioId: string;
  readonly mode: ProtocolMode;
  /** Rounds started at this table (0 = none yet). */
  readonly round: number;
  /** The engine's state of the current round, every secret included; null between rounds. */
  readonly game: TableState | null;
  /** Indices in `game.scores` of points a bot earned, also for a human's seat it played: not that human's. */
  readonly botPoints: readonly number[];
  readonly paused: boolean;
  readonly closed: boolean;
  /** The host lets spectators see every seat's secrets during a round. */
  readonly spectatorsSeeAll: boolean;
  /** A class runs this table: it seats students and starts rounds; players may not. */
  readonly classRun: boolean;
  readonly personalities: Readonly<Partial<Record<Role, Personality>>>;
  readonly pacing: PacingRules;
}

/** Why a request was refused: a stable code for programs and the sentence for the player. Nothing changed. */
export interface TableRefusal {
  code: TableErrorCode | RuleErrorCode;
  /** The English sentence (rendered from `text` when the refusal has one). */
  message: string;
  text?: Text;
}

/** Who the move was made by: the player in the seat, a bot for a bot-played seat, or a bot for an idle player. */
export type MoveMaker = 'player' | 'bot' | 'timeout';

/** What a command did, for the adapter to carry out (send views, close connections, log, report to a class). */
export type TableEffect =
  | { type: 'joined'; player: string; role: Role | null; host: boolean }
  | { type: 'seated'; player: string; role: Role | null }
  | { type: 'left'; player: string; role: Role | null; botKeepsSeat: boolean }
  | { type: 'hostPassed'; host: string | null }
  | { type: 'configured'; scenarioId: string; mode: ProtocolMode }
  | { type: 'roundStarted'; round: number; bots: Role[] }
  | { type: 'moved'; role: Role; by: MoveMaker }
  | { type: 'timedOut'; played: Role[]; awaiting: Role[] }
  | { type: 'roundFinished'; round: number }
  | { type: 'removed'; player: string; nickname: string }
  | { type: 'spectatorsSeeAll'; all: boolean }
  | { type: 'paused'; paused: boolean }
  | { type: 'interrupted'; round: number };

export type TableCommand =
  /** Someone admitted (the room's join checks, or the practice student) arrives, in a seat or to watch. */
  | { type: 'join'; player: string; nickname: string; role: Role | null; host?: boolean }
  | { type: 'leave'; player: string }
  /** A connection dropped or came back; the place waits for it. */
  | { type: 'connection'; player: string; connected: boolean }
  | { type: 'pickRole'; player: string; role: string | null }
  | { type: 'configure'; player: string; scenarioId: string; mode?: string }
  /** The host deals a round of the configured scenario (restarting the current one, if any). */
  | { type: 'start'; player: string; seed: Uint8Array; rsaBits?: number }
  | { type: 'remove'; player: string; target: string }
  | { type: 'showSpectators'; player: string; all: boolean }
  | { type: 'move'; player: string; input: unknown; thinkMs?: number }
  /** The next bot-played seat the engine waits for makes its move (`pacing.ts` says when). */
  | { type: 'botMove' }
  /** The step's time ran out after `elapsedMs`: each awaited seat whose limit passed has its step played. */
  | { type: 'timeout'; elapsedMs: number }
  // A class runs its tables with these (never from a player's message).
  | { type: 'seatClassRound'; round: number; scenarioId: string; mode: ProtocolMode; seats: Record<Role, LobbySeat> }
  | { type: 'deal'; seed: Uint8Array; rsaBits?: number }
  | { type: 'pause'; paused: boolean }
  | { type: 'interrupt' }
  | { type: 'setStepLimit'; role: Role; stepLimitMs: number | null }
  | { type: 'rename'; player: string | null; role: Role | null; nickname: string }
  | { type: 'close' };

export type TableOutcome = Result<{ table: Table; effects: TableEffect[] }, TableRefusal>;

export interface NewTableOptions {
  scenarioId?: string;
  mode?: ProtocolMode;
  classRun?: boolean;
  personalities?: Partial<Record<Role, Personality>>;
  pacing: PacingRules;
}

const EMPTY_SEAT: LobbySeat = { player: null, nickname: '', connected: false, bot: true };

/** An empty table set to a scenario (the first one unless told) and its first mode. */
export function newTable(options: NewTableOptions): Table {
  const scenario = findScenario(options.scenarioId ?? SCENARIOS[0]!.id);
  if (!scenario) throw new RangeError(`Unknown scenario: ${options.scenarioId}`);
  return {
    seats: Object.fromEntries(ROLES.map((role) => [role, EMPTY_SEAT])) as Record<Role, LobbySeat>,
    people: {},
    arrivals: 0,
    host: null,
    scenarioId: scenario.id,
    mode: options.mode ?? scenario.modes[0]!,
    round: 0,
    game: null,
    botPoints: [],
    paused: false,
    closed: false,
    spectatorsSeeAll: false,
    classRun: options.classRun ?? false,
    personalities: options.personalities ?? {},
    pacing: options.pacing,
  };
}

// ── Questions about a table ─────────────────────────────────────────────

export function tablePhase(table: Table): TablePhase {
  if (!table.game) return 'lobby';
  return table.game.phase === 'debrief' ? 'debrief' : 'playing';
}

export const roundInProgress = (table: Table): boolean => tablePhase(table) === 'playing';

/** The seat `player` holds, or null when they watch. */
export function seatOf(table: Table, player: string): Role | null {
  return ROLES.find((role) => table.seats[role].player === player) ?? null;
}

/** Whether a person holds the seat (a seat only a bot plays is free to take). */
export const seatHeld = (table: Table, role: Role): boolean => table.seats[role].player !== null;

/** Everyone at the table without a seat, in order of arrival. */
export function spectatorsOf(table: Table): string[] {
  return Object.keys(table.people).filter((player) => seatOf(table, player) === null);
}

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

// ── The reducer ────────────────────────────────────────────────────────

const refuse = (code: TableErrorCode, why: Text): { ok: false; error: TableRefusal } => ({
  ok: false,
  error: { code, message: render(why), text: why },
});

const done = (table: Table, effects: TableEffect[] = []): TableOutcome => ({ ok: true, value: { table, effects } });

/** The commands a player's message becomes; the others are the adapter's own and are never refused. */
export type PlayerRequest = 'pickRole' | 'configure' | 'start' | 'remove' | 'showSpectators' | 'move';

export interface RequestRule {
  /** Only the host may ask. */
  hostOnly: boolean;
  /** Players may ask at a class table too (the class seats them and starts rounds; they play). */
  atClassTable: boolean;
  /** The table phases in which it is refused, with the code and sentence. */
  refusedIn: Partial<Record<TablePhase, readonly [TableErrorCode, MessageId]>>;
}

/**
 * Who may ask for what, where and when, as data. A closed table refuses everything (`TABLE_CLOSED`); then a
 * request is checked against its rule in this order — class table, host, phase — and last against its value.
 */
export const REQUEST_RULES: Readonly<Record<PlayerRequest, RequestRule>> = {
  pickRole: { hostOnly: false, atClassTable: false, refusedIn: {} },
  configure: {
    hostOnly: true,
    atClassTable: false,
    refusedIn: { playing: ['ROUND_IN_PROGRESS', 'lobby.scenarioLocked'] },
  },
  start: { hostOnly: true, atClassTable: false, refusedIn: {} },
  remove: { hostOnly: true, atClassTable: false, refusedIn: {} },
  showSpectators: { hostOnly: true, atClassTable: false, refusedIn: {} },
  move: { hostOnly: false, atClassTable: true, refusedIn: { lobby: ['NO_ROUND', 'lobby.noRound'] } },
};

type PlayerCommand = Extract<TableCommand, { type: PlayerRequest }>;
const isPlayerCommand = (command: TableCommand): command is PlayerCommand => Object.hasOwn(REQUEST_RULES, command.type);

/** The refusal a request's rule gives at this table, before its value is looked at. */
function ruleRefusal(table: Table, request: PlayerRequest, player: string): TableRefusal | null {
  const rule = REQUEST_RULES[request];
  if (table.closed) return refuse('TABLE_CLOSED', text('lobby.tableClosed')).error;
  if (table.classRun && !rule.atClassTable) return refuse('CLASS_TABLE', text('lobby.classTable')).error;
  if (rule.hostOnly && table.host !== player) return refuse('NOT_HOST', text('lobby.notHost')).error;
  const inPhase = rule.refusedIn[tablePhase(table)];
  return inPhase ? refuse(inPhase[0], text(inPhase[1])).error : null;
}

/**
 * Why `command` would be refused at `table`, or null when it may go ahead. Cheap (it deals no round and plays
 * no move): a room asks it before queueing work, e.g. a start that will need an RSA key.
 */
export function refusalOf(table: Table, command: TableCommand): TableRefusal | null {
  if (!isPlayerCommand(command)) return null;
  const byRule = ruleRefusal(table, command.type, command.player);
  if (byRule) return byRule;
  switch (command.type) {
    case 'pickRole':
      return pickRoleRefusal(table, command.player, command.role);
    case 'configure':
      return configureRefusal(command.scenarioId, command.mode);
    case 'remove':
      return command.target === command.player || !table.people[command.target]
        ? refuse('UNKNOWN_PLAYER', text('lobby.unknownPlayer')).error
        : null;
    case 'move':
      return moveRefusal(table, command.player);
    default:
      return null;
  }
}

/** Carries out `command`: the next table and what the adapter must do, or why nothing changed. */
export function reduceTable(table: Table, command: TableCommand): TableOutcome {
  const refused = refusalOf(table, command);
  if (refused) return { ok: false, error: refused };
  switch (command.type) {
    case 'join':
      return join(table, command.player, command.nickname, command.role, command.host ?? false);
    case 'leave':
      return leave(table, command.player);
    case 'connection':
      return done(setConnected(table, command.player, command.connected));
    case 'pickRole':
      return pickRole(table, command.player, command.role as Role | null);
    case 'configure':
      return configure(table, command.scenarioId, command.mode);
    case 'start':
      return start(table, command.seed, command.rsaBits);
    case 'remove':
      return done(table, [
        { type: 'removed', player: command.target, nickname: table.people[command.target]!.nickname },
      ]);
    case 'showSpectators':
      return done({ ...table, spectatorsSeeAll: command.all }, [{ type: 'spectatorsSeeAll', all: command.all }]);
    case 'move':
      return playerMove(table, command.player, command.input, command.thinkMs);
    case 'botMove':
      return playBot(table);
    case 'timeout':
      return playForIdle(table, command.elapsedMs);
    case 'seatClassRound':
      return done({
        ...table,
        round: command.round,
        scenarioId: command.scenarioId,
        mode: command.mode,
        seats: { ...command.seats },
      });
    case 'deal':
      return deal(table, command.seed, command.rsaBits);
    case 'pause':
      return table.paused === command.paused
        ? done(table)
        : done({ ...table, paused: command.paused }, [{ type: 'paused', paused: command.paused }]);
    case 'interrupt':
      return roundInProgress(table)
        ? done({ ...table, game: null }, [{ type: 'interrupted', round: table.round }])
        : done(table);
    case 'setStepLimit':
      return done(withSeat(table, command.role, { stepLimitMs: command.stepLimitMs }));
    case 'rename':
      return done(rename(table, command.player, command.role, command.nickname));
    case 'close':
      // The last round stays readable (its result, a debrief); nothing more is played at a closed table.
      return done({ ...table, closed: true });
  }
}

// ── Refusals ───────────────────────────────────────────────────────────

function pickRoleRefusal(table: Table, player: string, role: string | null): TableRefusal | null {
  if (role !== null && !isRole(role))
    return refuse('UNKNOWN_ROLE', text('lobby.unknownRole', { role: describeInput(role) })).error;
  const current = seatOf(table, player);
  if (current === role) return null;
  if (current && roundInProgress(table) && !table.seats[current].bot)
    return refuse('ROUND_IN_PROGRESS', text('lobby.seatLocked')).error;
  if (role === null) return null;
  if (seatHeld(table, role)) return refuse('SEAT_TAKEN', text('lobby.seatTaken', { role })).error;
  const scenario = findScenario(table.scenarioId)!;
  if (!scenario.roles.includes(role))
    return refuse('ROLE_NOT_PLAYABLE', text('lobby.roleNotPlayable', { scenario: scenario.title, role })).error;
  return null;
}

function configureRefusal(scenarioId: string, mode: string | undefined): TableRefusal | null {
  const scenario = findScenario(scenarioId);
  if (!scenario)
    return refuse('UNKNOWN_SCENARIO', text('lobby.unknownScenario', { scenario: describeInput(scenarioId) })).error;
  if (!scenario.modes.some((m) => m === (mode ?? scenario.modes[0]))) {
    return refuse(
      'UNSUPPORTED_MODE',
      text('lobby.unsupportedMode', { scenario: scenario.title, mode: describeInput(mode) }),
    ).error;
  }
  return null;
}

function moveRefusal(table: Table, player: string): TableRefusal | null {
  if (table.paused) return refuse('PAUSED', text('lobby.paused')).error;
  const role = seatOf(table, player);
  if (!role) return refuse('NOT_SEATED', text('lobby.notSeated')).error;
  if (table.seats[role].bot) return refuse('BOT_HAS_SEAT', text('lobby.botHasSeat')).error;
  return null;
}

// ── Seats and people ───────────────────────────────────────────────────

function withSeat(table: Table, role: Role, change: Partial<LobbySeat>): Table {
  return { ...table, seats: { ...table.seats, [role]: { ...table.seats[role], ...change } } };
}

/** A person sits down; a seat a bot plays this round stays the bot's until the next round (a class's always). */
function sit(table: Table, player: string, nickname: string, role: Role): Table {
  const keepBot = table.classRun || roundInProgress(table);
  return withSeat(table, role, { player, nickname, connected: true, bot: keepBot ? table.seats[role].bot : false });
}

/** A person leaves a seat: between rounds it is empty; during one, a bot keeps it. */
const vacate = (table: Table, role: Role): Table =>
  withSeat(table, role, { player: null, nickname: '', connected: false, bot: true });

function join(table: Table, player: string, nickname: string, role: Role | null, host: boolean): TableOutcome {
  const person: LobbyPerson = { nickname, connected: true, arrival: table.arrivals };
  let next: Table = { ...table, people: { ...table.people, [player]: person }, arrivals: table.arrivals + 1 };
  if (role) next = sit(next, player, nickname, role);
  if (host) next = { ...next, host: player };
  return done(next, [{ type: 'joined', player, role, host }]);
}

function leave(table: Table, player: string): TableOutcome {
  if (!table.people[player]) return done(table);
  const role = seatOf(table, player);
  const { [player]: _gone, ...people } = table.people;
  let next: Table = { ...(role ? vacate(table, role) : table), people };
  const effects: TableEffect[] = [{ type: 'left', player, role, botKeepsSeat: roundInProgress(table) }];
  if (table.host === player) {
    const longest = Object.entries(people).sort((a, b) => a[1].arrival - b[1].arrival)[0]?.[0] ?? null;
    next = { ...next, host: longest };
    effects.push({ type: 'hostPassed', host: longest });
  }
  return done(next, effects);
}

function setConnected(table: Table, player: string, connected: boolean): Table {
  const person = table.people[player];
  if (!person) return table;
  const role = seatOf(table, player);
  const next = role ? withSeat(table, role, { connected }) : table;
  return { ...next, people: { ...next.people, [player]: { ...person, connected } } };
}

function pickRole(table: Table, player: string, role: Role | null): TableOutcome {
  const current = seatOf(table, player);
  if (current === role) return done(table);
  const nickname = table.people[player]?.nickname ?? '';
  let next = current ? vacate(table, current) : table;
  if (role) next = sit(next, player, nickname, role);
  return done(next, [{ type: 'seated', player, role }]);
}

function rename(table: Table, player: string | null, role: Role | null, nickname: string): Table {
  let next = role ? withSeat(table, role, { nickname }) : table;
  const person = player ? next.people[player] : undefined;
  if (player && person) next = { ...next, people: { ...next.people, [player]: { ...person, nickname } } };
  return next;
}

function configure(table: Table, scenarioId: string, mode: string | undefined): TableOutcome {
  const scenario = findScenario(scenarioId)!;
  const chosen = scenario.modes.find((m) => m === (mode ?? scenario.modes[0]))!;
  return done({ ...table, scenarioId: scenario.id, mode: chosen }, [
    { type: 'configured', scenarioId: scenario.id, mode: chosen },
  ]);
}

// ── Rounds ─────────────────────────────────────────────────────────────

const botSeats = (table: Table): Role[] => ROLES.filter((role) => table.seats[role].bot);

/** A host's start: seats nobody holds get bots, and a new round is dealt. */
function start(table: Table, seed: Uint8Array, rsaBits: number | undefined): TableOutcome {
  const seats = Object.fromEntries(
    ROLES.map((role) => [role, { ...table.seats[role], bot: table.seats[role].player === null }]),
  ) as Record<Role, LobbySeat>;
  return deal({ ...table, seats, round: table.round + 1 }, seed, rsaBits);
}

function deal(table: Table, seed: Uint8Array, rsaBits: number | undefined): TableOutcome {
  const game = initialState({ scenarioId: table.scenarioId, mode: table.mode, seed, rsaBits });
  return done({ ...table, game, botPoints: [] }, [{ type: 'roundStarted', round: table.round, bots: botSeats(table) }]);
}

/** Indices of the score events for `role` that one move (from `before` to `after`) added. */
const pointsFor = (before: TableState, after: TableState, role: Role): number[] =>
  after.scores.flatMap((s, i) => (i >= before.scores.length && s.role === role ? [i] : []));

/** Adopts the engine's state after moves: what each move was, and whether the round just finished. */
function played(table: Table, game: TableState, moves: { role: Role; by: MoveMaker }[], botPoints: number[]) {
  const next: Table = { ...table, game, botPoints: [...table.botPoints, ...botPoints] };
  const effects: TableEffect[] = moves.map(({ role, by }) => ({ type: 'moved', role, by }));
  if (game.phase === 'debrief' && table.game?.phase !== 'debrief')
    effects.push({ type: 'roundFinished', round: table.round });
  return { next, effects };
}

function playerMove(table: Table, player: string, input: unknown, thinkMs: number | undefined): TableOutcome {
  const role = seatOf(table, player)!;
  // The engine keeps each role's thinking time for tie-breaks; it reads no clock itself.
  const result = applyMove(table.game!, role, input, thinkMs === undefined ? undefined : { thinkMs });
  if (!result.ok) return result;
  const { next, effects } = played(table, result.value, [{ role, by: 'player' }], []);
  return done(next, effects);
}

/** The bot-played seats the engine waits for, in seat order: the first that has a move makes it. */
function playBot(table: Table): TableOutcome {
  const game = table.game;
  if (!game || table.paused || table.closed || game.phase === 'debrief') return done(table);
  let why: Text | string = text('lobby.botHasNoMove');
  let stuck: Role | null = null;
  for (const role of ROLES) {
    if (!game.awaiting.includes(role) || !table.seats[role].bot) continue;
    stuck ??= role;
    const input = botMove(game, role, table.personalities[role]);
    const result = input ? applyMove(game, role, input) : null;
    if (!result) continue;
    if (!result.ok) {
      why = result.error.text ?? result.error.message;
      continue;
    }
    const { next, effects } = played(table, result.value, [{ role, by: 'bot' }], pointsFor(game, result.value, role));
    return done(next, effects);
  }
  if (stuck === null) return done(table);
  return refuse('BOT_STUCK', text('lobby.botStuck', { role: stuck, why }));
}

/** A step's time ran out: what the engine plays for an idle player, for each awaited seat whose time is up. */
function playForIdle(table: Table, elapsedMs: number): TableOutcome {
  const start = table.game;
  if (!start || table.closed) return done(table);
  let game = start;
  const moves: { role: Role; by: MoveMaker }[] = [];
  const earned: number[] = [];
  for (const role of dueForTimeout(table, elapsedMs)) {
    if (!game.awaiting.includes(role)) continue;
    const input = timeoutMove(game, role);
    const result = input ? applyMove(game, role, input) : null;
    if (!result?.ok) continue;
    earned.push(...pointsFor(game, result.value, role));
    game = result.value;
    moves.push({ role, by: 'timeout' });
  }
  const timedOut: TableEffect = { type: 'timedOut', played: moves.map((m) => m.role), awaiting: [...game.awaiting] };
  if (moves.length === 0) return done(table, [timedOut]);
  const { next, effects } = played(table, game, moves, earned);
  return done(next, [timedOut, ...effects]);
}
