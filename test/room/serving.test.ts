import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'handshake-client-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Handshake client</title>');
  writeFileSync(join(dist, 'main.js'), 'console.log("client")');
  server = await startServer({ clientDistDir: dist });
});
afterAll(() => server.close());

describe('one port for everything', () => {
  it('serves the built client at / when it exists', async () => {
    const page = await fetch(`${server.httpUrl}/`);
    expect(await page.text()).toContain('<title>Handshake client</title>');
    const script = await fetch(`${server.httpUrl}/main.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
  });

  it('answers a body that is not JSON with a JSON 400', async () => {
    const response = await fetch(`${server.httpUrl}/api/tables/ABCDEF/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nickname:',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'MALFORMED_REQUEST' } });
  });

  it('answers unknown API paths with a JSON 404 and keeps /health', async () => {
    const missing = await fetch(`${server.httpUrl}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await (await fetch(`${server.httpUrl}/health`)).json()).toMatchObject({ status: 'ok' });
  });
});
