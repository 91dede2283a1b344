import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CLIENT_TO_SERVER_CLASS_SCHEMAS } from './class.ts';
import { CLOSE_CODES } from './closeCodes.ts';
import { checkPayload } from './payload.ts';
import { CLIENT_TO_SERVER_TABLE_SCHEMAS } from './table.ts';

const accepts = (schema: v.GenericSchema, payload: unknown) => v.safeParse(schema, payload).success;

/** For each message: payloads a correct client sends, and payloads that must be refused before any handler. */
const TABLE_CASES: { [K in keyof typeof CLIENT_TO_SERVER_TABLE_SCHEMAS]: { good: unknown[]; bad: unknown[] } } = {
  move: {
    good: [{ version: 3, move: { type: 'connect', scheme: 'https' } }],
    bad: [undefined, '<script>', { version: 'one', move: 42 }, { version: 1, move: { type: 'launchMissiles' } }],
  },
  pickRole: { good: [{ role: 'client' }, { role: null }, { role: 'nobody' }], bad: [undefined, { role: 42 }, {}] },
  configure: {
    good: [{ scenarioId: 'happy-path' }, { scenarioId: 'happy-path', mode: 'tls12' }],
    bad: [undefined, { mode: 'tls13' }, { scenarioId: 7 }, { scenarioId: 'x', extra: true }],
  },
  start: { good: [undefined, null, {}], bad: ['now', { now: true }, 0] },
  remove: { good: [{ sessionId: 'abc' }, { sessionId: '' }], bad: [undefined, { sessionId: 1 }, { id: 'abc' }] },
  requestView: { good: [undefined, null, {}], bad: ['again', { all: true }] },
  showSpectators: { good: [{ all: true }, { all: false }], bad: [undefined, { all: 'yes' }, {}] },
};

const CLASS_CASES: { [K in keyof typeof CLIENT_TO_SERVER_CLASS_SCHEMAS]: { good: unknown[]; bad: unknown[] } } = {
  configure: {
    good: [{}, { rounds: 0 }, { playlist: ['self-signed'], stepSeconds: null, speedPoints: true }],
    bad: [undefined, { rounds: '4' }, { colour: 'red' }, { playlist: 'self-signed' }],
  },
  rename: {
    good: [{ studentId: 's1', nickname: ' Annie ' }],
    bad: [{ studentId: 's1' }, { studentId: 1, nickname: 'A' }],
  },
  remove: { good: [{ studentId: 's1' }], bad: [undefined, { studentId: null }] },
  ban: { good: [{ studentId: 's1' }], bad: [{}, 's1'] },
  lock: { good: [{ locked: true }, { locked: false }], bad: [{ locked: 'maybe' }, undefined, {}] },
  setTimeAllowance: {
    good: [
      { studentId: 's1', allowance: 1.5 },
      { studentId: 's1', allowance: 'unlimited' },
      { studentId: 'x', allowance: 3 },
    ],
    bad: [{ studentId: 's1' }, { studentId: 's1', allowance: true }],
  },
  setTeam: { good: [{ studentId: 's1', team: 'Red' }], bad: [{ studentId: 's1', team: 3 }] },
  start: { good: [undefined, {}], bad: [{ now: true }] },
  nextRound: { good: [undefined, null, {}, { force: true }], bad: [{ force: 'yes' }, 'force'] },
  pause: { good: [undefined], bad: [{ for: 10 }] },
  resume: { good: [undefined], bad: ['please'] },
  end: { good: [undefined], bad: [['now']] },
  requestSeat: { good: [undefined], bad: [{ table: 2 }] },
  admission: {
    good: [{}, { maxStudents: 30 }, { approveJoins: true }],
    bad: [{ maxStudents: 0 }, { approveJoins: 'no' }],
  },
  approve: { good: [{ studentId: 's1' }], bad: [undefined, { studentId: 3 }] },
  tableDebrief: { good: [{ tableNumber: 1 }], bad: [{ tableNumber: 0 }, { tableNumber: '1' }, undefined] },
};

describe('client-to-server schemas', () => {
  for (const [room, schemas, cases] of [
    ['table', CLIENT_TO_SERVER_TABLE_SCHEMAS, TABLE_CASES],
    ['class', CLIENT_TO_SERVER_CLASS_SCHEMAS, CLASS_CASES],
  ] as const) {
    it(`accept what a ${room} client sends and refuse malformed payloads of every ${room} message`, () => {
      expect(Object.keys(cases).sort()).toEqual(Object.keys(schemas).sort());
      for (const [type, { good, bad }] of Object.entries(cases)) {
        const schema = (schemas as Record<string, v.GenericSchema>)[type]!;
        for (const payload of good) expect(accepts(schema, payload), `${type} ${JSON.stringify(payload)}`).toBe(true);
        for (const payload of bad) expect(accepts(schema, payload), `${type} ${JSON.stringify(payload)}`).toBe(false);
      }
    });
  }

  it('explain a refusal in one sentence naming the message and the place', () => {
    const lock = checkPayload(CLIENT_TO_SERVER_CLASS_SCHEMAS.lock, 'lock', { locked: 'maybe' });
    expect(lock).toEqual({
      ok: false,
      message: expect.stringMatching(/^The "lock" message is not well formed \(at locked\): .*boolean.*\.$/),
    });
    const unknownField = checkPayload(CLIENT_TO_SERVER_CLASS_SCHEMAS.configure, 'configure', { colour: 'red' });
    expect(unknownField).toEqual({
      ok: false,
      message: 'The "configure" message is not well formed (at colour): there is no such field.',
    });
    expect(checkPayload(CLIENT_TO_SERVER_TABLE_SCHEMAS.pickRole, 'pickRole', { role: null })).toEqual({
      ok: true,
      value: { role: null },
    });
  });
});

describe('close codes', () => {
  it('are distinct, in the application range, above the framework’s own', () => {
    const codes = Object.values(CLOSE_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code >= 4200 && code <= 4999, String(code)).toBe(true);
  });
});
