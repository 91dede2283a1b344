/** Parallel turns: two people awaited in the same step both move, even when their moves cross on the wire. @module */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, latestRound, startServer, type TestServer, until } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** A table where people play the server and the eavesdropper (bots the rest), at the start of a round. */
async function siteAndEavesdropperStart() {
  const { code, hostKey } = await createTable(server.httpUrl);
  const site = await joinTable(server.httpUrl, code, { nickname: 'Sam', hostKey, role: 'server' });
  const eve = await joinTable(server.httpUrl, code, { nickname: 'Eve', role: 'eavesdropper' });
  site.send('start');
  await until(() => latestRound(server, code)?.phase === 'certificate-request', 'the round to start');
  return { code, site, eve, start: latestRound(server, code)! };
}

describe('two roles awaited at once', () => {
  it('the server and the eavesdropper send in the same millisecond at the certificate request: both moves land', async () => {
    const { code, site, eve, start } = await siteAndEavesdropperStart();
    expect(start.awaiting).toEqual(['server', 'eavesdropper']);
    // Both chose against the same view: neither has seen the other's move when sending its own.
    site.send('move', { version: start.version, move: { type: 'requestCertificate', domain: 'bank.example' } });
    eve.send('move', { version: start.version, move: { type: 'requestCertificate', domain: 'evil.example' } });
    await until(() => (latestRound(server, code)?.version ?? 0) >= start.version + 2, 'both moves to land');
    const after = latestRound(server, code)!;
    expect(site.rejections).toEqual([]);
    expect(eve.rejections).toEqual([]);
    expect(after.requests.map((q) => [q.requester, q.domain]).sort()).toEqual([
      ['eavesdropper', 'evil.example'],
      ['server', 'bank.example'],
    ]);
    // Both were made against the version of the step's start; then the round went on to the (bot) CA.
    const [first, second] = after.history;
    expect([first?.version, second?.version]).toEqual([start.version, start.version]);
    expect(new Set([first?.role, second?.role])).toEqual(new Set(['server', 'eavesdropper']));
    expect(after.history.slice(2).every((h) => h.role === 'ca' || after.phase !== 'certificate-request')).toBe(true);
    await Promise.all([site.leave(), eve.leave()]);
  });

  it('a move made against an earlier step is still refused as stale', async () => {
    const { code, site, eve, start } = await siteAndEavesdropperStart();
    site.send('move', { version: start.version, move: { type: 'requestCertificate', domain: 'bank.example' } });
    eve.send('move', { version: start.version, move: { type: 'skipCertificate' } });
    await until(() => latestRound(server, code)?.phase !== 'certificate-request', 'the step to end');
    // The server's second try was made against the finished step: the table moved on since.
    site.send('move', { version: start.version, move: { type: 'requestCertificate', domain: 'bank.example' } });
    await until(() => site.rejections.length === 1, 'the rejection');
    expect(site.rejections[0]?.code).toBe('STALE_VERSION');
    expect(eve.rejections).toEqual([]);
    await Promise.all([site.leave(), eve.leave()]);
  });
});
