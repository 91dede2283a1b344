import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, VIEWPORTS } from './harness.ts';
import { practicePlayer } from './practicePlayer.ts';

const CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url));
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A plain file server over the built client: what a teacher's web space or a school file host would be. */
async function serveStaticCopy(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://copy').pathname;
    requests.push(path);
    const file = join(CLIENT_DIST, normalize(path === '/' ? '/index.html' : path));
    try {
      if (!file.startsWith(CLIENT_DIST)) throw new Error('outside the copy');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  server.on('upgrade', (req, socket) => {
    requests.push(`WebSocket ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
}

describe('practice without the game server', { timeout: 180_000 }, () => {
  it('plays a round from a static copy of the client: the rules and the bots run in the browser', async () => {
    const copy = await serveStaticCopy();
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: VIEWPORTS.laptop, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const player = practicePlayer(page);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${copy.url}/#/practice`);
      await page
        .locator('.scenario-card[data-scenario="expired"]')
        .getByRole('link', { name: /Play as CA/ })
        .click();
      await player.openedTable(/^#\/practice\/expired\/ca$/);
      const round = await player.playRound({});
      expect(round.played.map((m) => m.move.type)).toEqual(['sendChallenge', 'issueCertificate']);
      expect(errors).toEqual([]);
      // Nothing but the copy's own files (and the browser's favicon) was asked for: no API, no matchmaking.
      const own = (path: string) => path === '/' || path === '/favicon.ico' || path.startsWith('/assets/');
      expect(copy.requests.filter((path) => !own(path))).toEqual([]);
    } finally {
      await browser.close();
      await copy.close();
    }
  });
});
