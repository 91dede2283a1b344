/**
 * Limits that fit a school and a public server, with the server's own default numbers: a school behind one
 * address seats 200 students in a minute; teacher password guesses are limited (per address and for the whole
 * server) and answered slowly; wrong code guesses from 40 addresses hit a global ceiling.
 * Addresses are told apart by X-Forwarded-For, which the server trusts from loopback (`trustProxy`).
 */
import { DEFAULT_SERVER_SETTINGS } from '@handshake/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClass, http, startClassServer } from './classHelpers.ts';
import type { TestServer } from './helpers.ts';

const PASSWORD = 'correct horse battery staple';
const {
  joinAttemptsPerMinute,
  joinAttemptsPerCodePerMinute,
  failedLookupsPerMinute,
  globalFailedLookupsPerMinute,
  passwordFailuresPerMinute,
  globalPasswordFailuresPerMinute,
} = DEFAULT_SERVER_SETTINGS;

let server: TestServer;
beforeAll(async () => {
  // Also as the environment variable, which is how a deployment sets it.
  process.env.TRUST_PROXY = 'loopback';
  server = await startClassServer({
    trustProxy: 'loopback',
    joinAttemptsPerMinute,
    joinAttemptsPerCodePerMinute,
    failedLookupsPerMinute,
    globalFailedLookupsPerMinute,
    passwordFailuresPerMinute,
    globalPasswordFailuresPerMinute,
    wrongPasswordDelayMs: 200,
    classes: { maxStudents: 250, teacherPassword: PASSWORD },
  });
});
afterAll(async () => {
  delete process.env.TRUST_PROXY;
  await server.close();
});

const from = (address: string) => ({ 'x-forwarded-for': address });

describe('a school behind one address', () => {
  it('seats 200 students in a minute', async () => {
    const session = await createClass(server.httpUrl, {}, { teacherPassword: PASSWORD });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      const answer = await http(`${server.httpUrl}/api/join/${session.code}`, {
        body: { nickname: `Pupil ${i}` },
        headers: from('203.0.113.7'),
      });
      statuses.push(answer.status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});

describe('guessing the teacher password', () => {
  it('is limited per address and answered slowly, while another address still gets in', async () => {
    const guess = (password: string, address: string) =>
      http(`${server.httpUrl}/api/classes`, { body: { teacherPassword: password }, headers: from(address) });
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => guess(`guess ${i}`, '198.51.100.1')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(passwordFailuresPerMinute);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(20 - passwordFailuresPerMinute);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    // The guesser is refused even with the right password now; a teacher elsewhere is not.
    expect((await guess(PASSWORD, '198.51.100.1')).status).toBe(429);
    expect((await guess(PASSWORD, '198.51.100.2')).status).toBe(201);
  });

  it('is limited for the whole server when the guesses come from many addresses', async () => {
    const guesses = Array.from({ length: globalPasswordFailuresPerMinute + 10 }, (_, i) =>
      http(`${server.httpUrl}/api/classes`, {
        body: { teacherPassword: `wrong ${i}` },
        headers: from(`192.0.2.${i % 250}`),
      }),
    );
    const statuses = (await Promise.all(guesses)).map((a) => a.status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(globalPasswordFailuresPerMinute);
  });
});

describe('guessing codes from 40 addresses', () => {
  it('hits the global ceiling on failed lookups', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      const batch = Array.from({ length: 40 }, (_, a) =>
        http(`${server.httpUrl}/api/join/ZZZ${'23456789AB'[round]}${'23456789'[a % 8]}Z`, {
          body: { nickname: 'Guesser' },
          headers: from(`100.64.0.${a + 1}`),
        }),
      );
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    // Each address stays under its own limit of wrong codes; together they pass the server's ceiling.
    expect(40 * 10).toBeGreaterThan(globalFailedLookupsPerMinute);
    expect(10).toBeLessThan(failedLookupsPerMinute);
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(globalFailedLookupsPerMinute);
    expect(statuses).toContain(429);
  });
});
