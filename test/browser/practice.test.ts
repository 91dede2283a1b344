import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from '@handshake/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, CHROMIUM_ARGS, screenshot, startHarness, VIEWPORTS } from './harness.ts';

let harness: BrowserHarness;
let page: Page;
beforeAll(async () => {
  harness = await startHarness();
  page = await harness.open('/#/practice');
});
afterAll(() => harness.close());

const byNumber = [...SCENARIOS].sort((a, b) => a.number - b.number);

interface AdvisedMove {
  label: string;
  move: Record<string, unknown> & { type: string };
}

const toolbar = () => page.locator('.practice-toolbar');
const version = () => toolbar().getAttribute('data-version');
const starsOf = async (scenarioId: string, role: string) =>
  Number(
    await page
      .locator(`.scenario-card[data-scenario="${scenarioId}"] .role-link[data-role="${role}"]`)
      .getAttribute('data-stars'),
  );

/**
 * Real mouse clicks, without waiting for the element to sit still for two animation frames: the Phaser board
 * beside the panel keeps frames slow in headless Chromium, and the loop below waits for each step itself.
 */
const FAST = { force: true } as const;

/** Makes a move through the action panel as a student would: ticks its choices, presses its button. */
async function clickMove({ label, move }: AdvisedMove): Promise<void> {
  const panel = page.locator('.panel.actions');
  const form = panel.locator(`form[aria-label="${label}"]`);
  if ((await form.count()) === 0) {
    await panel.getByRole('button', { name: label, exact: true }).click(FAST);
    return;
  }
  for (const [field, value] of Object.entries(move)) {
    if (field === 'type') continue;
    const inputs = form.locator(`input[name$="|${field}"]`);
    const wanted = (Array.isArray(value) ? value : [value]).map(String);
    for (let i = 0; i < (await inputs.count()); i++) {
      const input = inputs.nth(i);
      const want = wanted.includes((await input.getAttribute('value')) ?? '');
      if (want !== (await input.isChecked())) await input.setChecked(want, FAST);
    }
  }
  await form.getByRole('button', { name: label, exact: true }).click(FAST);
}

/** Waits for the table to move past `before` (a step was played). */
async function stepDone(before: string | null): Promise<void> {
  await page.waitForFunction(
    (v) => document.querySelector('.practice-toolbar')?.getAttribute('data-version') !== v,
    before,
    { timeout: 15_000 },
  );
}

async function openedTable(path: RegExp): Promise<void> {
  await expect.poll(() => new URL(page.url()).hash).toMatch(path);
  await page.locator('.practice-toolbar[data-version]').waitFor({ timeout: 15_000 });
}

/**
 * Plays the student's seat to the debrief by clicking, with the bots at step pace ("Next" each time).
 * With `advice`, asks for both hints at every step and follows the action; otherwise plays `known` moves in order.
 * Returns the moves played and the stars the round earned.
 */
async function playRound(options: { known?: AdvisedMove[]; onHint?: (hint: AdvisedMove) => Promise<void> }) {
  await page.getByLabel('Bots wait for Next').check();
  const played: AdvisedMove[] = [];
  for (let i = 0; i < 80; i++) {
    if ((await page.locator('[data-testid="practice-result"]').count()) > 0) break;
    const before = await version();
    if ((await page.locator('#actions-title').textContent()) === 'Your move') {
      let advised: AdvisedMove;
      if (options.known) {
        advised = options.known[played.length]!;
      } else {
        await page.getByRole('button', { name: 'Hint: the idea' }).click(FAST);
        await page.locator('.hint-text[data-level="1"]').waitFor();
        await page.getByRole('button', { name: 'Hint: what to do' }).click(FAST);
        const hint = page.locator('.hint-text[data-level="2"]');
        await hint.waitFor();
        advised = {
          label: (await hint.getAttribute('data-label'))!,
          move: JSON.parse((await hint.getAttribute('data-move'))!),
        };
        await options.onHint?.(advised);
      }
      await clickMove(advised);
      played.push(advised);
      await stepDone(before);
    } else if (await page.locator('.next-button').isEnabled()) {
      await page.locator('.next-button').click(FAST);
      await stepDone(before);
    } else {
      await page.waitForTimeout(50);
    }
  }
  const result = page.locator('[data-testid="practice-result"]');
  await expect.poll(() => result.getAttribute('data-stars'), { timeout: 20_000 }).toMatch(/^[0-3]$/);
  return { played, stars: Number(await result.getAttribute('data-stars')) };
}

describe('practice against bots', () => {
  it('the campaign lists every scenario the engine defines, with its title, roles and modes', async () => {
    await expect.poll(() => page.locator('.scenario-card').count(), { timeout: 15_000 }).toBe(SCENARIOS.length);
    const ids = await page
      .locator('.scenario-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-scenario')));
    expect(ids).toEqual(byNumber.map((s) => s.id));
    for (const scenario of byNumber) {
      const card = page.locator(`.scenario-card[data-scenario="${scenario.id}"]`);
      expect(await card.locator('h2').textContent()).toContain(scenario.title);
      const roles = await card
        .locator('.role-link')
        .evaluateAll((links) => links.map((l) => l.getAttribute('data-role')));
      expect(roles).toEqual([...scenario.roles]);
      expect(await card.locator('select.mode-select option').count()).toBe(
        scenario.modes.length > 1 ? scenario.modes.length : 0,
      );
      expect(await starsOf(scenario.id, scenario.roles[0]!)).toBe(0);
    }
    const multiMode = byNumber.find((s) => s.modes.length > 1);
    if (multiMode) {
      const card = page.locator(`.scenario-card[data-scenario="${multiMode.id}"]`);
      await card.locator('select.mode-select').selectOption(multiMode.modes[1]!);
      expect(await card.locator('.role-link').first().getAttribute('href')).toBe(
        `#/practice/${multiMode.id}/${multiMode.roles[0]}/${multiMode.modes[1]}`,
      );
    }
    await screenshot(page, 'practice-campaign-empty');
  });

  it('a student completes a round as the client by clicking; hints lower the stars of the same round', async () => {
    await page
      .locator('.scenario-card[data-scenario="wrong-name"]')
      .getByRole('link', { name: /Play as Client/ })
      .click();
    await openedTable(/^#\/practice\/wrong-name\/client$/);
    let shot = false;
    const hinted = await playRound({
      onHint: async (hint) => {
        if (hint.move.type === 'abortConnection' && !shot) {
          shot = true;
          await screenshot(page, 'practice-round-hint');
        }
      },
    });
    expect(shot).toBe(true);
    expect(hinted.played.at(-1)?.move).toEqual({ type: 'abortConnection', reason: 'NAME_MISMATCH' });
    expect(hinted.stars).toBeLessThan(3);
    expect(await page.locator('.debrief-layout').textContent()).toContain(
      SCENARIOS.find((s) => s.id === 'wrong-name')!.lesson.slice(0, 40),
    );
    await screenshot(page, 'practice-debrief');

    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.hint-box').waitFor();
    const unhinted = await playRound({ known: hinted.played });
    expect(unhinted.stars).toBeGreaterThan(hinted.stars);
    expect(await page.locator('[data-testid="practice-result"]').textContent()).toContain('no hints');
  });

  it('plays another role of the same scenario: the CA', async () => {
    const next = page.getByRole('link', { name: /^Next scenario: 6\./ });
    expect(await next.getAttribute('href')).toBe('#/practice/expired/client');
    await page.locator('.other-roles').getByRole('link', { name: 'CA', exact: true }).click();
    await openedTable(/^#\/practice\/wrong-name\/ca(\/tls13)?$/);
    const round = await playRound({});
    expect(round.played.map((m) => m.move.type)).toEqual(['sendChallenge', 'issueCertificate']);
  });

  it('plays the eavesdropper in another scenario, chosen on the campaign page', async () => {
    await page.goto(`${harness.server.httpUrl}/#/practice`);
    await page
      .locator('.scenario-card[data-scenario="tampered-record"]')
      .getByRole('link', { name: /Play as Eavesdropper/ })
      .click();
    await openedTable(/^#\/practice\/tampered-record\/eavesdropper$/);
    const round = await playRound({});
    expect(round.played.map((m) => m.move.type)).toContain('tamperEnvelope');
  });

  it('keeps the progress across a reload, and resets it only after a confirmation', async () => {
    await page.goto(`${harness.server.httpUrl}/#/practice`);
    await page.reload();
    await expect.poll(() => page.locator('.scenario-card').count(), { timeout: 15_000 }).toBe(SCENARIOS.length);
    expect(await starsOf('wrong-name', 'client')).toBe(3);
    expect(await starsOf('wrong-name', 'ca')).toBeGreaterThanOrEqual(0);
    expect(
      await page
        .locator('.scenario-card[data-scenario="wrong-name"] .role-link[data-role="ca"]')
        .getAttribute('aria-label'),
    ).not.toContain('not played');
    expect(
      await page
        .locator('.scenario-card[data-scenario="tampered-record"] .role-link[data-role="eavesdropper"]')
        .getAttribute('aria-label'),
    ).not.toContain('not played');
    expect(await starsOf('happy-path', 'client')).toBe(0);
    await screenshot(page, 'practice-campaign');

    await page.getByRole('button', { name: 'Reset progress…' }).click();
    await page.getByRole('button', { name: 'Keep it' }).click();
    expect(await starsOf('wrong-name', 'client')).toBe(3);
    await page.getByRole('button', { name: 'Reset progress…' }).click();
    await page.getByRole('button', { name: 'Yes, reset my progress' }).click();
    expect(await starsOf('wrong-name', 'client')).toBe(0);
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="star-total"]').textContent()).toMatch(/^0 of \d+ stars$/);
  });

  it('reports no page errors', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});

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

describe('practice without the game server', () => {
  it('plays a round from a static copy of the client: the rules and the bots run in the browser', async () => {
    const copy = await serveStaticCopy();
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: VIEWPORTS.laptop, reducedMotion: 'reduce' });
      page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${copy.url}/#/practice`);
      await page
        .locator('.scenario-card[data-scenario="impostor-request"]')
        .getByRole('link', { name: /Play as CA/ })
        .click();
      await openedTable(/^#\/practice\/impostor-request\/ca$/);
      const round = await playRound({});
      expect(round.played.map((m) => m.move.type)).toEqual([
        'sendChallenge',
        'sendChallenge',
        'issueCertificate',
        'refuseRequest',
      ]);
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
