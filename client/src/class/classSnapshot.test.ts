import {
  type ClassStudentState,
  type ClassTableState,
  type PublicClassSettings,
  type PublicClassState,
  SCENARIOS,
} from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { classSnapshot, ordinal } from './classSnapshot.ts';

/** The synchronised state as plain data: the protocol's shape, which the server's schema is checked to fit. */
function student(id: string, nickname: string, fields: Partial<ClassStudentState> = {}): ClassStudentState {
  return {
    id,
    nickname,
    connected: true,
    team: '',
    table: 0,
    role: '',
    timeAllowance: '1',
    pending: false,
    arrived: true,
    total: 0,
    rank: 0,
    speedPoints: 0,
    pointsByRole: new Map(['client', 'server', 'ca', 'eavesdropper'].map((role) => [role, 0])),
    roundsPlayed: 0,
    ...fields,
  };
}

const SETTINGS: PublicClassSettings = {
  playlist: [],
  rounds: 4,
  stepSeconds: 0,
  tableSize: 4,
  bots: true,
  teams: 0,
  speedPoints: false,
  generatedNicknames: false,
};

describe('classSnapshot', () => {
  it('orders the leaderboard by rank (unranked last), keeps the roster in join order, names table seats', () => {
    const grace = student('g', 'Grace', { total: 5, rank: 1, table: 1 });
    (grace.pointsByRole as Map<string, number>).set('ca', 5);
    const table: ClassTableState = {
      number: 1,
      code: 'ABC234',
      round: 1,
      scenarioId: SCENARIOS[0]!.id,
      phase: 'debrief',
      phaseTitle: '',
      stage: '',
      awaiting: ['server', 'nobody'],
      seating: new Map([
        ['client', 'a'],
        ['ca', 'g'],
        ['server', ''],
      ]),
    };
    const state: PublicClassState = {
      code: 'K7QX2M',
      status: 'between-rounds',
      paused: false,
      locked: false,
      joinOpen: true,
      round: 1,
      hostConnected: true,
      maxStudents: 200,
      approveJoins: false,
      settings: SETTINGS,
      students: new Map([
        ['a', student('a', 'Ada', { total: 3, rank: 2, table: 1, role: 'client' })],
        ['g', grace],
        ['l', student('l', 'Late')],
      ]),
      tables: [table],
      teams: new Map(),
    };

    const snapshot = classSnapshot(state);
    expect(snapshot.students.map((s) => s.nickname)).toEqual(['Ada', 'Grace', 'Late']);
    expect(snapshot.leaderboard.map((s) => s.nickname)).toEqual(['Grace', 'Ada', 'Late']);
    expect(snapshot.leaderboard[0]!.pointsByRole).toEqual({ client: 0, server: 0, ca: 5, eavesdropper: 0 });
    expect(snapshot.students[0]!.role).toBe('client');
    expect(snapshot.students[1]!.role).toBeNull();
    expect(snapshot.settings.stepSeconds).toBeNull();
    expect(snapshot.tables[0]).toMatchObject({
      scenarioTitle: SCENARIOS[0]!.title,
      seating: { client: 'Ada', server: null, ca: 'Grace', eavesdropper: null },
      awaiting: ['server'],
    });
  });
});

describe('classSnapshot admission', () => {
  it('marks students on their way and waiting, keeps them off the leaderboard, and carries the cap', () => {
    const state: PublicClassState = {
      code: 'K7QX2M',
      status: 'lobby',
      paused: false,
      locked: false,
      joinOpen: true,
      round: 0,
      hostConnected: true,
      maxStudents: 12,
      approveJoins: true,
      settings: SETTINGS,
      students: new Map([
        ['a', student('a', 'Ada')],
        ['w', student('w', 'Wait', { pending: true })],
        ['j', student('j', 'OnTheWay', { arrived: false, connected: false })],
      ]),
      tables: [],
      teams: new Map(),
    };
    const snapshot = classSnapshot(state);
    expect(snapshot.admission).toEqual({ maxStudents: 12, approveJoins: true });
    expect(snapshot.students.map((s) => [s.nickname, s.arrived, s.pending])).toEqual([
      ['Ada', true, false],
      ['Wait', true, true],
      ['OnTheWay', false, false],
    ]);
    expect(snapshot.leaderboard.map((s) => s.nickname)).toEqual(['Ada']);
  });
});

describe('ordinal', () => {
  it('says 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
  });
});
