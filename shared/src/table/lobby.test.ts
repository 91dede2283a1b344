import { describe, expect, it } from 'vitest';
import { TABLE_ERROR_CODES } from '../protocol/table.ts';
import { EN } from '../text/en/index.ts';
import {
  newTable,
  type PlayerRequest,
  REQUEST_RULES,
  type RequestRule,
  reduceTable,
  refusalOf,
  seatOf,
  spectatorsOf,
  type Table,
  type TableCommand,
  tablePhase,
} from './lobby.ts';
import { dueForTimeout, pacingOf, stepLimitFor } from './pacing.ts';

const PACING = { botDelayMs: 1_500, stepLimitMs: 90_000, droppedStepLimitMs: 15_000 };
const seed = new Uint8Array(32).fill(3);

/** Applies commands that must be accepted; fails the test with the refusal otherwise. */
function run(table: Table, ...commands: TableCommand[]): Table {
  for (const command of commands) {
    const outcome = reduceTable(table, command);
    if (!outcome.ok) throw new Error(`${command.type} refused: ${outcome.error.code} ${outcome.error.message}`);
    table = outcome.value.table;
  }
  return table;
}

/** The refusal code of one command, or 'ok'. */
function codeOf(table: Table, command: TableCommand): string {
  const outcome = reduceTable(table, command);
  return outcome.ok ? 'ok' : outcome.error.code;
}

const lobby = () =>
  run(
    newTable({ pacing: PACING }),
    { type: 'join', player: 'h', nickname: 'Hana', role: 'client', host: true },
    { type: 'join', player: 'p', nickname: 'Pim', role: 'server' },
    { type: 'join', player: 'w', nickname: 'Wes', role: null },
  );

describe('the lobby reducer', () => {
  it('seats people, keeps the watchers apart, and passes the host role to whoever has been there longest', () => {
    let table = lobby();
    expect(seatOf(table, 'h')).toBe('client');
    expect(spectatorsOf(table)).toEqual(['w']);
    expect(table.host).toBe('h');
    const left = reduceTable(table, { type: 'leave', player: 'h' });
    expect(left.ok && left.value.effects).toEqual([
      { type: 'left', player: 'h', role: 'client', botKeepsSeat: false },
      { type: 'hostPassed', host: 'p' },
    ]);
    table = run(table, { type: 'leave', player: 'h' });
    expect(table.seats.client).toMatchObject({ player: null, bot: true });
    expect(table.host).toBe('p');
  });

  it('refuses with one code per reason, in the order a player would fix them, and changes nothing', () => {
    const table = lobby();
    expect(codeOf(table, { type: 'configure', player: 'p', scenarioId: 'downgrade' })).toBe('NOT_HOST');
    expect(codeOf(table, { type: 'configure', player: 'h', scenarioId: 'nope' })).toBe('UNKNOWN_SCENARIO');
    expect(codeOf(table, { type: 'configure', player: 'h', scenarioId: 'downgrade', mode: 'ssl3' })).toBe(
      'UNSUPPORTED_MODE',
    );
    expect(codeOf(table, { type: 'pickRole', player: 'w', role: 'king' })).toBe('UNKNOWN_ROLE');
    expect(codeOf(table, { type: 'pickRole', player: 'w', role: 'server' })).toBe('SEAT_TAKEN');
    expect(codeOf(table, { type: 'move', player: 'h', input: {} })).toBe('NO_ROUND');
    expect(codeOf(table, { type: 'remove', player: 'h', target: 'h' })).toBe('UNKNOWN_PLAYER');
    expect(codeOf(table, { type: 'remove', player: 'h', target: 'nobody' })).toBe('UNKNOWN_PLAYER');
    expect(codeOf(table, { type: 'start', player: 'w', seed })).toBe('NOT_HOST');
    const playing = run(table, { type: 'start', player: 'h', seed });
    expect(codeOf(playing, { type: 'pickRole', player: 'h', role: 'ca' })).toBe('ROUND_IN_PROGRESS');
    expect(codeOf(playing, { type: 'configure', player: 'h', scenarioId: 'downgrade' })).toBe('ROUND_IN_PROGRESS');
    expect(codeOf(playing, { type: 'move', player: 'w', input: {} })).toBe('NOT_SEATED');
    expect(codeOf(playing, { type: 'move', player: 'h', input: {} })).toBe('MALFORMED_MOVE');
    const paused = run(playing, { type: 'pause', paused: true });
    expect(codeOf(paused, { type: 'move', player: 'h', input: {} })).toBe('PAUSED');
    const closed = run(table, { type: 'close' });
    expect(codeOf(closed, { type: 'start', player: 'h', seed })).toBe('TABLE_CLOSED');
  });

  it('follows its rule table: a guest asking for a host-only request is NOT_HOST, whatever the request', () => {
    const table = lobby();
    const asGuest: Record<PlayerRequest, TableCommand> = {
      pickRole: { type: 'pickRole', player: 'p', role: null },
      configure: { type: 'configure', player: 'p', scenarioId: 'downgrade' },
      start: { type: 'start', player: 'p', seed },
      remove: { type: 'remove', player: 'p', target: 'w' },
      showSpectators: { type: 'showSpectators', player: 'p', all: true },
      move: { type: 'move', player: 'p', input: {} },
    };
    for (const [request, rule] of Object.entries(REQUEST_RULES) as [PlayerRequest, RequestRule][]) {
      expect(codeOf(table, asGuest[request]) === 'NOT_HOST', request).toBe(rule.hostOnly);
    }
  });

  it('refuses every player request at a class table, which the class runs', () => {
    const table = run(newTable({ pacing: PACING, classRun: true }), {
      type: 'join',
      player: 's',
      nickname: 'Sam',
      role: null,
    });
    for (const command of [
      { type: 'pickRole', player: 's', role: 'client' },
      { type: 'configure', player: 's', scenarioId: 'downgrade' },
      { type: 'start', player: 's', seed },
      { type: 'remove', player: 's', target: 'x' },
      { type: 'showSpectators', player: 's', all: true },
    ] as const) {
      expect(codeOf(table, command), command.type).toBe('CLASS_TABLE');
    }
  });

  it('says every refusal as a catalog text whose code is in the wire protocol’s one list', () => {
    const table = lobby();
    const refused = refusalOf(table, { type: 'pickRole', player: 'w', role: 'server' })!;
    expect(refused).toEqual({
      code: 'SEAT_TAKEN',
      message: 'Someone already plays the server.',
      text: { id: 'lobby.seatTaken', params: { role: 'server' } },
    });
    expect(TABLE_ERROR_CODES).toContain(refused.code);
    expect(Object.keys(EN).filter((id) => id.startsWith('lobby.')).length).toBeGreaterThan(10);
  });

  it('a start gives bots the seats nobody holds; a seat taken mid-round stays the bot’s until the next round', () => {
    let table = run(lobby(), { type: 'start', player: 'h', seed });
    expect(tablePhase(table)).toBe('playing');
    expect(table.round).toBe(1);
    expect(table.seats.ca.bot && table.seats.eavesdropper.bot && !table.seats.client.bot).toBe(true);
    table = run(table, { type: 'pickRole', player: 'w', role: 'ca' });
    expect(table.seats.ca).toMatchObject({ player: 'w', bot: true });
    expect(codeOf(table, { type: 'move', player: 'w', input: {} })).toBe('BOT_HAS_SEAT');
    table = run(table, { type: 'start', player: 'h', seed });
    expect(table.seats.ca).toMatchObject({ player: 'w', bot: false });
  });

  it('bots play their seats one move at a time, and their points are noted as theirs', () => {
    let table = run(newTable({ pacing: PACING }), {
      type: 'join',
      player: 'h',
      nickname: 'Hana',
      role: null,
      host: true,
    });
    table = run(table, { type: 'start', player: 'h', seed });
    for (let i = 0; i < 200 && tablePhase(table) === 'playing'; i++) {
      const version = table.game!.version;
      const outcome = reduceTable(table, { type: 'botMove' });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) break;
      expect(outcome.value.effects[0]).toMatchObject({ type: 'moved', by: 'bot' });
      table = outcome.value.table;
      expect(table.game!.version).toBeGreaterThan(version);
    }
    expect(tablePhase(table)).toBe('debrief');
    // Every point earned at this table was a bot's: each index names a score event, once.
    expect(table.botPoints.length).toBeGreaterThan(0);
    expect(new Set(table.botPoints).size).toBe(table.botPoints.length);
    for (const index of table.botPoints) expect(table.game!.scores[index]).toBeDefined();
  });
});

describe('pacing', () => {
  it('names the next bot and its delay, and gives people the step limit, a dropped one the shorter', () => {
    let table = run(lobby(), { type: 'start', player: 'h', seed });
    const awaited = table.game!.awaiting;
    const pace = pacingOf(table);
    const firstBot = (['client', 'server', 'ca', 'eavesdropper'] as const).find(
      (r) => awaited.includes(r) && table.seats[r].bot,
    );
    expect(pace.bot).toEqual(firstBot ? { role: firstBot, delayMs: 1_500 } : null);
    expect(pace.timeoutMs).toBe(90_000);
    expect(stepLimitFor(table, 'client')).toBe(90_000);
    table = run(table, { type: 'connection', player: 'h', connected: false });
    expect(stepLimitFor(table, 'client')).toBe(15_000);
    table = run(table, { type: 'setStepLimit', role: 'server', stepLimitMs: null });
    expect(stepLimitFor(table, 'server')).toBeNull();
    expect(pacingOf(run(table, { type: 'pause', paused: true }))).toEqual({
      bot: null,
      timeoutMs: null,
      humanLimits: {},
    });
  });

  it('at a timeout, plays the step of each awaited seat whose time is up, and nobody else’s', () => {
    let table = run(lobby(), { type: 'pickRole', player: 'p', role: null }, { type: 'start', player: 'h', seed });
    // Let the bots play until the client (a person) is awaited.
    for (let i = 0; i < 50 && !table.game!.awaiting.includes('client'); i++) table = run(table, { type: 'botMove' });
    expect(table.game!.awaiting).toContain('client');
    expect(dueForTimeout(table, 89_999)).not.toContain('client');
    expect(dueForTimeout(table, 90_000)).toContain('client');
    const early = reduceTable(table, { type: 'timeout', elapsedMs: 1_000 });
    expect(early.ok && early.value.table).toBe(table);
    const late = reduceTable(table, { type: 'timeout', elapsedMs: 90_000 });
    expect(late.ok && late.value.effects[0]).toMatchObject({ type: 'timedOut', played: ['client'] });
    expect(late.ok && late.value.table.game!.version).toBeGreaterThan(table.game!.version);
  });

  it('has no idle take-over where there is no step limit (practice)', () => {
    let table = run(newTable({ pacing: { botDelayMs: 900, stepLimitMs: null, droppedStepLimitMs: null } }), {
      type: 'join',
      player: 'you',
      nickname: 'Player',
      role: 'client',
      host: true,
    });
    table = run(table, { type: 'start', player: 'you', seed });
    for (let i = 0; i < 50 && !table.game!.awaiting.includes('client'); i++) table = run(table, { type: 'botMove' });
    expect(pacingOf(table)).toMatchObject({ timeoutMs: null, humanLimits: {} });
    expect(dueForTimeout(table, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });
});
