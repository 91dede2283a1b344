import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, requestJoin, startServer, type TestServer } from './helpers.ts';

const JOIN_ATTEMPTS_PER_MINUTE = 5;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ joinAttemptsPerMinute: JOIN_ATTEMPTS_PER_MINUTE, tablesCreatedPerMinute: 1 });
});
afterAll(() => server.close());

describe('guessing codes by brute force', () => {
  it(`allows ${JOIN_ATTEMPTS_PER_MINUTE} join attempts a minute per address, then answers 429 even for a real code`, async () => {
    const { code } = await createTable(server.httpUrl);
    const statuses: number[] = [];
    for (let i = 0; i < JOIN_ATTEMPTS_PER_MINUTE; i++)
      statuses.push((await requestJoin(server.httpUrl, `ZZZZZ${i + 2}`, { nickname: 'Guesser' })).status);
    expect(statuses).toEqual(Array(JOIN_ATTEMPTS_PER_MINUTE).fill(404));
    const blocked = await requestJoin(server.httpUrl, code, { nickname: 'Guesser' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('limits table creation per address too (one a minute here, already used above)', async () => {
    const status = (await fetch(`${server.httpUrl}/api/tables`, { method: 'POST' })).status;
    expect(status).toBe(429);
  });
});
