import { ClassStudent, ClassTable, PublicClass } from '@handshake/server/class/schema';
import { SCENARIOS } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { classSnapshot, ordinal } from './classSnapshot.ts';

function student(id: string, nickname: string, fields: Partial<Record<'total' | 'rank' | 'table', number>> = {}) {
  const s = new ClassStudent({ id, nickname, ...fields });
  for (const role of ['client', 'server', 'ca', 'eavesdropper']) s.pointsByRole.set(role, 0);
  return s;
}

describe('classSnapshot', () => {
  it('orders the leaderboard by rank (unranked last), keeps the roster in join order, names table seats', () => {
    const state = new PublicClass({ code: 'K7QX2M', status: 'between-rounds', round: 1 });
    state.settings.stepSeconds = 0;
    state.students.set('a', student('a', 'Ada', { total: 3, rank: 2, table: 1 }));
    state.students.set('g', student('g', 'Grace', { total: 5, rank: 1, table: 1 }));
    state.students.set('l', student('l', 'Late', { total: 0, rank: 0 }));
    state.students.get('g')!.pointsByRole.set('ca', 5);
    state.students.get('a')!.role = 'client';
    const table = new ClassTable({
      number: 1,
      code: 'ABC234',
      round: 1,
      scenarioId: SCENARIOS[0]!.id,
      phase: 'debrief',
    });
    table.seating.set('client', 'a');
    table.seating.set('ca', 'g');
    table.seating.set('server', '');
    table.awaiting.push('server', 'nobody');
    state.tables.push(table);

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
