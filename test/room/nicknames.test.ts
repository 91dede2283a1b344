/**
 * Nicknames are text: markup and script typed as a nickname is kept and echoed exactly as typed — in the
 * synchronised seats, in what other players receive, in the server's log — never interpreted, escaped or
 * rendered by the server, and every answer that carries one is JSON. Empty, oversize and invisible-character
 * names are refused with their own codes. (Showing them as text in the page is the client's part.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, requestJoin, startServer, type TestServer, until } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const MARKUP_NICKNAMES = [
  '<script>x()</script>',
  '"><img src=x>',
  '<b onclick=x>hi</b>',
  '&lt;i&gt;&amp;',
  '{{7*7}} #{x} %s',
  "Robert'); --",
];

async function refusal(code: string, body: unknown): Promise<{ status: number; code: string; message: string }> {
  const response = await requestJoin(server.httpUrl, code, body);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const { error } = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, code: error.code, message: error.message };
}

describe('nicknames', () => {
  it('with markup or script are kept and echoed exactly as typed, as data', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Teacher', hostKey, spectate: true });
    const players = [];
    for (const [i, nickname] of MARKUP_NICKNAMES.slice(0, 4).entries()) {
      players.push(
        await joinTable(server.httpUrl, code, {
          nickname,
          role: (['client', 'server', 'ca', 'eavesdropper'] as const)[i],
        }),
      );
    }
    for (const nickname of MARKUP_NICKNAMES.slice(4)) {
      players.push(await joinTable(server.httpUrl, code, { nickname, spectate: true }));
    }
    const shown = () => [
      ...[...host.room.state.seats.values()].map((s) => s.nickname),
      ...[...host.room.state.spectators.values()].map((s) => s.nickname),
    ];
    await until(() => MARKUP_NICKNAMES.every((n) => shown().includes(n)), 'every nickname at the host');
    for (const nickname of MARKUP_NICKNAMES) {
      expect(server.logs.some((l) => l.includes(`${nickname} joined`))).toBe(true);
    }
    // A taken markup name is refused in JSON, with the name as plain text in the sentence.
    const taken = await refusal(code, { nickname: MARKUP_NICKNAMES[0] });
    expect(taken).toMatchObject({ status: 409, code: 'NICKNAME_TAKEN' });
    expect(taken.message).toContain(MARKUP_NICKNAMES[0]);
    await Promise.all([host.leave(), ...players.map((p) => p.leave())]);
  });

  it('empty, oversize, non-text and invisible-character names are refused with clear codes', async () => {
    const { code } = await createTable(server.httpUrl);
    const cases: [unknown, number, string][] = [
      [{ nickname: '' }, 400, 'NICKNAME_MISSING'],
      [{ nickname: '   \t ' }, 400, 'NICKNAME_MISSING'],
      [{}, 400, 'NICKNAME_MISSING'],
      [{ nickname: 42 }, 400, 'NICKNAME_MISSING'],
      [{ nickname: { toString: 'x' } }, 400, 'NICKNAME_MISSING'],
      [{ nickname: 'x'.repeat(21) }, 400, 'NICKNAME_TOO_LONG'],
      [{ nickname: '<script>alert(1)</script>' }, 400, 'NICKNAME_TOO_LONG'],
      [{ nickname: 'Eve\u202Egnp.exe' }, 400, 'NICKNAME_INVALID'],
      [{ nickname: 'Zero\u200Bwidth' }, 400, 'NICKNAME_INVALID'],
      [{ nickname: 'x'.repeat(10_000) }, 413, 'MALFORMED_REQUEST'],
      ['just a string', 400, 'MALFORMED_REQUEST'],
    ];
    for (const [body, status, errorCode] of cases) {
      const answer = await refusal(code, body);
      expect({ body, status: answer.status, code: answer.code }).toEqual({ body, status, code: errorCode });
      expect(answer.message.length).toBeGreaterThan(0);
    }
    // Twenty characters is the limit, counted as characters a person sees (an emoji is one).
    const longest = await joinTable(server.httpUrl, code, { nickname: '🙂'.repeat(20) });
    expect(longest.room.state.seats.get('client')?.nickname).toBe('🙂'.repeat(20));
    await longest.leave();
  });
});
