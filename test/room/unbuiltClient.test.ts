import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers.ts';

// The suite builds the real client first, so this server is pointed at an empty folder.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ clientDistDir: mkdtempSync(join(tmpdir(), 'handshake-no-client-')) });
});
afterAll(() => server.close());

it('says honestly at / that the client has not been built', async () => {
  const response = await fetch(`${server.httpUrl}/`);
  expect(response.headers.get('content-type')).toMatch(/text\/html/);
  expect(await response.text()).toContain('has not been built');
});
