/**
 * Reduced motion is honoured: asked for by the device (`prefers-reduced-motion: reduce`) or chosen with the
 * game's own motion setting, envelopes on the board are placed at once instead of travelling, and the page runs
 * no CSS transition or animation. A player who chooses full motion gets it, even on a device that asks for less.
 * @module
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, screenshot, startHarness, VIEWPORTS } from './harness.ts';
import { byMouse, decide, readPanel } from './players.ts';

let harness: BrowserHarness;
let browser: Browser;
beforeAll(async () => {
  harness = await startHarness();
  browser = harness.browser;
});
afterAll(() => harness.close());

type DeviceMotion = 'reduce' | 'no-preference';
type GameMotion = 'system' | 'reduce' | 'full';

/** A practice table as the client, in a fresh context whose device asks for `device`, with the game set to `game`. */
async function practiceTable(device: DeviceMotion, game: GameMotion): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORTS.laptop, reducedMotion: device });
  const page = await context.newPage();
  page.on('pageerror', (error) => harness.pageErrors.push(`${error.name}: ${error.message}`));
  await page.goto(`${harness.server.httpUrl}/#/practice/happy-path/client`);
  await page.locator('.practice-toolbar[data-version]').waitFor({ timeout: 30_000 });
  await page.locator('.board-host canvas').waitFor({ timeout: 30_000 });
  // The player's choice, made the way a player makes it: the "Animations" select beside the table.
  if (game !== 'system') await page.getByLabel('Animations').selectOption(game);
  return page;
}

interface EnvelopeMoves {
  animated: number;
  instant: number;
}

const envelopeMoves = async (page: Page): Promise<EnvelopeMoves> =>
  JSON.parse((await page.locator('.board-host').getAttribute('data-envelope-moves')) ?? '{"animated":0,"instant":0}');

/** Plays the client's first step by clicking; how the board moved envelopes from that click on. */
async function sendFirstEnvelope(page: Page): Promise<EnvelopeMoves> {
  // The bots play the certificate steps first; then the client's turn comes.
  let panel = await readPanel(page);
  await expect
    .poll(
      async () => {
        panel = await readPanel(page);
        return decide('client', panel.moves) !== null;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  // Counted from here: what the bots' envelopes did before the player's choice took effect does not count.
  const before = await envelopeMoves(page);
  await byMouse(page, decide('client', panel.moves)!);
  await page.waitForFunction(
    (v) => Number(document.querySelector<HTMLElement>('.actions')?.dataset.version ?? -2) !== v,
    panel.version,
  );
  const since = async (): Promise<EnvelopeMoves> => {
    const now = await envelopeMoves(page);
    return { animated: now.animated - before.animated, instant: now.instant - before.instant };
  };
  await expect
    .poll(async () => {
      const moves = await since();
      return moves.animated + moves.instant;
    })
    .toBeGreaterThan(0);
  return since();
}

/** CSS transitions and animations running on the page now, and elements whose style gives them a duration. */
const cssMotion = (page: Page) =>
  page.evaluate(() => ({
    running: document.getAnimations().length,
    withDuration: [...document.querySelectorAll('body *')].filter((el) => {
      const style = getComputedStyle(el);
      const seconds = (list: string) => list.split(',').some((d) => Number.parseFloat(d) > 0);
      return seconds(style.transitionDuration) || seconds(style.animationDuration);
    }).length,
    motion: document.documentElement.dataset.motion,
  }));

describe('reduced motion', { timeout: 120_000 }, () => {
  it.each([
    { asker: 'the device', device: 'reduce', game: 'system', shot: 'motion-reduced-by-device' },
    { asker: 'the game’s setting', device: 'no-preference', game: 'reduce', shot: 'motion-reduced-by-setting' },
  ] as const)('asked for by $asker: envelopes are placed at once and no CSS motion runs', async (c) => {
    const page = await practiceTable(c.device, c.game);
    const moves = await sendFirstEnvelope(page);
    expect(moves.animated).toBe(0);
    expect(moves.instant).toBeGreaterThan(0);
    expect(await cssMotion(page)).toEqual({ running: 0, withDuration: 0, motion: 'reduce' });
    await screenshot(page, c.shot);
  });

  it('full motion chosen in the game wins over the device: envelopes travel', async () => {
    const page = await practiceTable('reduce', 'full');
    const moves = await sendFirstEnvelope(page);
    expect(moves.animated).toBeGreaterThan(0);
    expect(moves.instant).toBe(0);
    expect((await cssMotion(page)).motion).toBe('full');
  });

  it('the device’s wish is followed again once the setting goes back to "as the device asks"', async () => {
    const page = await practiceTable('no-preference', 'system');
    expect((await cssMotion(page)).motion).toBe('full');
    await page.getByLabel('Animations').selectOption('reduce');
    expect((await cssMotion(page)).motion).toBe('reduce');
    await page.getByLabel('Animations').selectOption('system');
    expect((await cssMotion(page)).motion).toBe('full');
    expect(harness.pageErrors).toEqual([]);
  });
});
