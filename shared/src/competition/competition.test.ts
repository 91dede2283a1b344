import { describe, expect, it } from 'vitest';
import { noOutcomeYet } from '../rules/initial.ts';
import type { Outcome, ScoreEvent } from '../rules/state.ts';
import { ROLES, type Role } from '../rules/types.ts';
import { leaderboard, teamTotals } from './leaderboard.ts';
import { generateNickname } from './nicknames.ts';
import { describeOutcome } from './outcome.ts';
import { csvField, reportRow, resultsCsv, studentSummaries } from './report.ts';
import { type FinishedTableRound, roundResults, speedBonus } from './results.ts';
import { roleAt, seatingForRound } from './rotation.ts';
import { DEFAULT_CLASS_SETTINGS, scenarioForRound, stepLimitMs, updateClassSettings } from './settings.ts';
import { placeLatecomer, splitIntoTables, splitWithoutBots } from './tables.ts';
import { assignTeams, smallestTeam } from './teams.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);
const seated = (lineups: (string | null)[][]) => lineups.flat().filter((x) => x !== null);

describe('role rotation', () => {
  it('over any four consecutive rounds every place plays every role once', () => {
    for (const first of [1, 2, 5]) {
      for (let place = 0; place < 4; place++) {
        const roles = [0, 1, 2, 3].map((k) => roleAt(place, first + k));
        expect(new Set(roles)).toEqual(new Set(ROLES));
      }
    }
  });

  it('each round the four places hold four different roles', () => {
    for (let round = 1; round <= 8; round++) {
      expect(new Set([0, 1, 2, 3].map((p) => roleAt(p, round))).size).toBe(4);
    }
  });

  it('a seating leaves the roles of empty places to bots (null)', () => {
    const seating = seatingForRound(['a', null, 'c', null], 1);
    expect(seating).toEqual({ client: 'a', server: null, ca: 'c', eavesdropper: null });
    expect(seatingForRound(['a', null, 'c', null], 2)).toEqual({
      client: null,
      server: 'a',
      ca: null,
      eavesdropper: 'c',
    });
  });
});

describe('splitting a class into tables', () => {
  it('12 students at tables of four make three full tables', () => {
    const tables = splitIntoTables(ids(12), 4);
    expect(tables).toHaveLength(3);
    for (const t of tables) expect(t.every((x) => x !== null)).toBe(true);
    expect(seated(tables).sort()).toEqual(ids(12).sort());
  });

  it('spreads a remainder so no table has more than one bot more than another', () => {
    for (let n = 1; n <= 40; n++) {
      for (const size of [1, 2, 3, 4]) {
        const tables = splitIntoTables(ids(n), size);
        expect(tables).toHaveLength(Math.ceil(n / size));
        const counts = tables.map((t) => t.filter((x) => x !== null).length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        expect(Math.max(...counts)).toBeLessThanOrEqual(size);
        expect(new Set(seated(tables)).size).toBe(n);
      }
    }
  });

  it('two students at a table sit opposite, so each meets both sides', () => {
    expect(splitIntoTables(['a', 'b'], 2)).toEqual([['a', null, 'b', null]]);
  });

  it('without bots, tables of four and one remainder table', () => {
    const tables = splitWithoutBots(ids(10));
    expect(tables.map((t) => t.filter((x) => x !== null).length)).toEqual([4, 4, 2]);
  });

  it('refuses an impossible table size', () => {
    expect(() => splitIntoTables(ids(3), 0)).toThrow(RangeError);
    expect(() => splitIntoTables(ids(3), 5)).toThrow(RangeError);
  });

  it('a latecomer takes the emptiest table with room, or none when all are full', () => {
    expect(
      placeLatecomer(
        [
          ['a', 'b', 'c', null],
          ['d', 'e', null, null],
        ],
        4,
      ),
    ).toEqual({ table: 1, place: 2 });
    expect(placeLatecomer([['a', 'b', null, null]], 2)).toBeNull();
    expect(placeLatecomer([['a', 'b', 'c', 'd']], 4)).toBeNull();
  });
});

describe('teams', () => {
  it('deals students round-robin and finds the smallest team for a newcomer', () => {
    const teams = assignTeams(ids(5), 2);
    expect([...teams.values()]).toEqual(['Red', 'Blue', 'Red', 'Blue', 'Red']);
    expect(smallestTeam(teams, 2)).toBe('Blue');
    expect(assignTeams(ids(5), 0).size).toBe(0);
    expect(smallestTeam(teams, 0)).toBeNull();
  });
});

describe('settings', () => {
  it('applies a valid partial change and refuses a wrong one whole', () => {
    const changed = updateClassSettings(DEFAULT_CLASS_SETTINGS, { rounds: 6, speedPoints: true });
    expect(changed).toMatchObject({ ok: true, value: { rounds: 6, speedPoints: true, tableSize: 4 } });
    const cases: [unknown, string][] = [
      [{ rounds: 0 }, 'INVALID_SETTINGS'],
      [{ rounds: 2.5 }, 'INVALID_SETTINGS'],
      [{ tableSize: 5 }, 'INVALID_SETTINGS'],
      [{ teams: 1 }, 'INVALID_SETTINGS'],
      [{ stepSeconds: 1 }, 'INVALID_SETTINGS'],
      [{ bots: 'yes' }, 'INVALID_SETTINGS'],
      [{ colour: 'red' }, 'INVALID_SETTINGS'],
      [{ playlist: [] }, 'INVALID_SETTINGS'],
      [{ playlist: ['happy-path', 'no-such'] }, 'UNKNOWN_SCENARIO'],
      [null, 'INVALID_SETTINGS'],
      [{ rounds: 3, tableSize: 9 }, 'INVALID_SETTINGS'],
    ];
    for (const [change, code] of cases) {
      const result = updateClassSettings(DEFAULT_CLASS_SETTINGS, change);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.message.length).toBeGreaterThan(10);
      }
    }
    expect(updateClassSettings(DEFAULT_CLASS_SETTINGS, { stepSeconds: null })).toMatchObject({ ok: true });
    expect(updateClassSettings(DEFAULT_CLASS_SETTINGS, { stepSeconds: 0.5 }, { minStepSeconds: 0.1 }).ok).toBe(true);
  });

  it('multiplies the step limit per student and cycles the playlist', () => {
    expect(stepLimitMs(60, 1)).toBe(60_000);
    expect(stepLimitMs(60, 1.5)).toBe(90_000);
    expect(stepLimitMs(60, 2)).toBe(120_000);
    expect(stepLimitMs(60, 'unlimited')).toBeNull();
    expect(stepLimitMs(null, 2)).toBeNull();
    expect([1, 2, 3, 4].map((r) => scenarioForRound({ playlist: ['a', 'b', 'c'] }, r))).toEqual(['a', 'b', 'c', 'a']);
  });
});

const outcome = (over: Partial<Outcome> = {}): Outcome => ({ ...noOutcomeYet(), ...over });

const score = (role: Role, points: number, reason: string): ScoreEvent => ({ role, points, reason, at: 1 });

function finished(over: Partial<FinishedTableRound> = {}): FinishedTableRound {
  const timing = { thinkMs: 0, moves: 0 };
  return {
    round: 1,
    table: 1,
    scenarioId: 'self-signed',
    seating: { client: 'a', server: 'b', ca: null, eavesdropper: 'd' },
    played: { client: true, server: true, ca: false, eavesdropper: false },
    scores: [
      score('client', 3, 'Refused the connection: self-signed.'),
      score('server', 2, 'Served the request correctly.'),
      score('ca', 2, 'Issued bank.example after checking domain control.'),
      score('eavesdropper', 1, 'Learned the site name.'),
    ],
    outcome: outcome({ clientRejected: 'UNTRUSTED_ISSUER', connectionAborted: 'UNTRUSTED_ISSUER' }),
    timing: { client: { thinkMs: 6_000, moves: 3 }, server: timing, ca: timing, eavesdropper: timing },
    stepLimitMs: { client: 20_000, server: 20_000, ca: null, eavesdropper: 20_000 },
    speedPoints: true,
    ...over,
  };
}

describe('round results', () => {
  it('one result per seated student; a bot-played seat earns its student nothing', () => {
    const results = roundResults(finished());
    expect(results.map((r) => [r.studentId, r.role, r.points])).toEqual([
      ['a', 'client', 3],
      ['b', 'server', 2],
      ['d', 'eavesdropper', 0],
    ]);
    expect(results[0]?.outcome).toBe('The client refused the connection (UNTRUSTED_ISSUER)');
    expect(results[0]?.events).toEqual([{ points: 3, reason: 'Refused the connection: self-signed.' }]);
  });

  it('speed points reward quick own moves on a positive score only', () => {
    expect(speedBonus(3, { thinkMs: 2_000, moves: 2 }, 20_000)).toBe(2); // 1 s of 20 s
    expect(speedBonus(3, { thinkMs: 30_000, moves: 2 }, 20_000)).toBe(1); // 15 s of 20 s
    expect(speedBonus(3, { thinkMs: 40_000, moves: 2 }, 20_000)).toBe(0);
    expect(speedBonus(-3, { thinkMs: 0, moves: 2 }, 20_000)).toBe(0);
    expect(speedBonus(3, { thinkMs: 0, moves: 0 }, 20_000)).toBe(0);
    const results = roundResults(finished());
    expect(results[0]?.speedPoints).toBe(2); // client: 2 s average of 20 s
    expect(results[1]?.speedPoints).toBe(0); // server made no moves of its own
    expect(roundResults(finished({ speedPoints: false }))[0]?.speedPoints).toBe(0);
  });

  it('describes outcomes in words', () => {
    expect(describeOutcome(outcome({ clientTrustedBadCertificate: true, secretReadBy: ['eavesdropper'] }))).toBe(
      'The client accepted a forged certificate; the eavesdropper read the secret',
    );
    expect(describeOutcome(outcome({ sessionCompleted: true }))).toMatch(/secure session completed/);
    expect(describeOutcome(outcome({ tamperDetectedBy: 'server', connectionAborted: 'bad_record_mac' }))).toBe(
      'The server detected tampering; the connection was aborted (bad_record_mac)',
    );
    expect(describeOutcome(outcome())).toBe('The round ended without a connection');
  });
});

describe('leaderboard and reports', () => {
  const students = [
    { studentId: 'a', nickname: 'Ann', team: 'Red' },
    { studentId: 'b', nickname: 'Ben', team: 'Blue' },
    { studentId: 'd', nickname: 'Dee', team: 'Red' },
    { studentId: 'e', nickname: 'Eve', team: 'Blue' },
  ];
  const round1 = roundResults(finished());
  const round2 = roundResults(
    finished({
      round: 2,
      seating: { client: 'd', server: 'a', ca: 'b', eavesdropper: null },
      played: { client: true, server: true, ca: true, eavesdropper: false },
      scores: [score('client', -3, 'The login was read by the eavesdropper.'), score('server', 2, 'Served.')],
      outcome: outcome({ clientTrustedBadCertificate: true, secretReadBy: ['eavesdropper'] }),
      speedPoints: false,
    }),
  );
  const all = [...round1, ...round2];

  it('sums points and per-role points, ranks with shared ranks on ties', () => {
    const board = leaderboard(students, all);
    const byId = Object.fromEntries(board.map((e) => [e.studentId, e]));
    expect(byId.a).toMatchObject({ total: 3 + 2 + 2, points: 5, speedPoints: 2, roundsPlayed: 2 });
    expect(byId.a?.pointsByRole).toEqual({ client: 5, server: 2, ca: 0, eavesdropper: 0 });
    expect(byId.b).toMatchObject({ total: 2, roundsPlayed: 2 });
    expect(byId.d).toMatchObject({ total: -3, roundsPlayed: 1 });
    expect(byId.e).toMatchObject({ total: 0, roundsPlayed: 0, rank: 3 });
    expect(board.map((e) => e.studentId)).toEqual(['a', 'b', 'e', 'd']);
    expect(teamTotals(board)).toEqual([
      { team: 'Red', total: 4, members: 2, rank: 1 },
      { team: 'Blue', total: 2, members: 2, rank: 2 },
    ]);
  });

  it('ignores unfinished rounds in the leaderboard', () => {
    const interrupted = round2.map((r) => ({ ...r, status: 'interrupted' as const, points: null }));
    const board = leaderboard(students, [...round1, ...interrupted]);
    expect(board.find((e) => e.studentId === 'd')?.total).toBe(0);
  });

  it('writes one CSV row per student per round with the misconception tag, safe against formulas', () => {
    const names: Record<string, string> = { a: 'Ann', b: '=HYPERLINK("x")', d: 'Dee, "D"' };
    const rows = all.map((r) => reportRow(r, { nickname: names[r.studentId] ?? '?', team: null }, 'tls13'));
    const csv = resultsCsv(rows);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + all.length);
    expect(lines[0]).toBe(
      'round,table,nickname,team,role,scenario,scenario_title,misconception,mode,status,played,points,speed_points,outcome,events',
    );
    expect(lines[1]).toContain('any-certificate-is-proof');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"Dee, ""D"""');
    expect(csvField(-3)).toBe('-3');
    // Spreadsheets that split on ';' (or tabs) see one cell, not a formula after the separator.
    expect(csvField(';=1+1;')).toBe('";=1+1;"');
    expect(csvField('a\t=1+1')).toBe('"a\t=1+1"');
    expect(csvField(null)).toBe('');
  });

  it('summarises per student and concept what went right and wrong', () => {
    const rows = all.map((r) => reportRow(r, { nickname: r.studentId.toUpperCase(), team: null }, 'tls13'));
    const summary = studentSummaries(rows);
    const dee = summary.find((s) => s.studentId === 'd')!;
    expect(dee.concepts).toEqual([
      {
        misconception: 'any-certificate-is-proof',
        scenarioTitles: ['A certificate that vouches for itself'],
        rounds: 1,
        points: -3,
        right: [],
        wrong: ['As client: The login was read by the eavesdropper.'],
      },
    ]);
    const ann = summary.find((s) => s.studentId === 'a')!;
    expect(ann.concepts[0]?.right).toContain('As client: Refused the connection: self-signed.');
  });
});

describe('generated nicknames', () => {
  it('are friendly, distinct from taken ones, and never run out', () => {
    let n = 0;
    const cycling = (size: number) => n++ % size;
    const taken: string[] = [];
    for (let i = 0; i < 450; i++) taken.push(generateNickname(cycling, taken));
    expect(new Set(taken.map((t) => t.toLowerCase())).size).toBe(450);
    for (const name of taken) expect(name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+( \d+)?$/);
  });
});
