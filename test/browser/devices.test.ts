/**
 * Every screen on every device: the start page and a table at phone, tablet, Chromebook, laptop and
 * projector sizes fit (no sideways scrolling, nothing cut off, no text under 12 px, every move button
 * reachable), the board's texts are big and dark enough, axe finds nothing; a whole round is played on a
 * phone by tapping. Screenshots of each size land in test/browser/output/.
 * @module
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, PHONE, screenshot, startHarness, VIEWPORTS } from './harness.ts';
import { axeViolations, boardLabels, labelProblems, layoutProblems, unreachableMoves } from './pageChecks.ts';
import { decide, type Plan, readPanel } from './players.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

const SIZES = [
  { name: 'phone', viewport: VIEWPORTS.phone, device: PHONE },
  { name: 'tablet-portrait', viewport: VIEWPORTS.tabletPortrait, device: {} },
  { name: 'chromebook', viewport: VIEWPORTS.tablet, device: {} },
  { name: 'laptop', viewport: VIEWPORTS.laptop, device: {} },
  { name: 'desktop', viewport: VIEWPORTS.projector, device: {} },
] as const;

/** A practice table as the client: the first step is the client's own, so there are move buttons at once. */
const PRACTICE = '/#/practice/happy-path/client';

async function expectFits(page: Page, what: string): Promise<void> {
  expect(await layoutProblems(page), what).toEqual([]);
  expect(await axeViolations(page), what).toEqual([]);
}

async function openTable(size: (typeof SIZES)[number]): Promise<Page> {
  const page = await harness.open(PRACTICE, size.viewport, size.device);
  await page.locator('.moves .move-button').first().waitFor({ timeout: 30_000 });
  return page;
}

describe('every screen on every device', { timeout: 120_000 }, () => {
  for (const size of SIZES) {
    it(`fits ${size.name} (${size.viewport.width}×${size.viewport.height})`, async () => {
      const home = await harness.open('/', size.viewport, size.device);
      await home.locator('#nickname').waitFor();
      await expectFits(home, `${size.name}: start page`);
      await screenshot(home, `device-${size.name}-home`);
      await home.close();

      const page = await openTable(size);
      // The turn started: focus is on the action panel, not left on the page.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('actions-title');
      const labels = await boardLabels(page);
      expect(labels.map((l) => l.text)).toContain('Browser');
      expect(labelProblems(labels), `${size.name}: board texts`).toEqual([]);
      expect(await unreachableMoves(page), `${size.name}: move buttons`).toEqual([]);
      await expectFits(page, `${size.name}: table`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `device-${size.name}-table`);
      await screenshot(page, `device-${size.name}-table-full`, { fullPage: true });

      // The inspector fits too, and Escape gives focus back to what opened it.
      const opener = page.locator('.pocket .item').first();
      await opener.focus();
      await page.keyboard.press('Enter');
      await page.locator('.inspector').waitFor();
      await expectFits(page, `${size.name}: inspector`);
      await screenshot(page, `device-${size.name}-inspector`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.inspector').count()).toBe(0);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focus)).toBe(
        await opener.getAttribute('data-focus'),
      );
      await page.close();
    });
  }

  it('plays a whole round on a phone by tapping, and every state of it fits', async () => {
    const page = await openTable(SIZES[0]);
    const seen = new Set<string>();
    const deadline = Date.now() + 80_000;
    while (Date.now() < deadline) {
      if ((await page.locator('.table-screen').getAttribute('data-stage')) === 'debrief') break;
      const panel = await readPanel(page);
      const plan = decide('client', panel.moves);
      if (!plan) {
        await page.waitForTimeout(100);
        continue;
      }
      const phase = (await page.locator('.phase-line strong').textContent()) ?? '';
      if (!seen.has(phase)) {
        seen.add(phase);
        await expectFits(page, `phone: ${phase}`);
        expect(labelProblems(await boardLabels(page)), `phone: ${phase}`).toEqual([]);
      }
      await byTapping(page, plan);
      await page.waitForFunction(
        (v) => {
          const refused = document.querySelector('.actions .error');
          if (refused) throw new Error(`refused: ${refused.textContent}`);
          return Number(document.querySelector<HTMLElement>('.actions')?.dataset.version ?? -2) !== v;
        },
        panel.version,
        { timeout: 15_000 },
      );
    }
    await expect.poll(() => page.locator('.table-screen').getAttribute('data-stage')).toBe('debrief');
    expect(await page.locator('.outcome').textContent()).toContain('The secure session was completed.');
    expect(seen.size).toBeGreaterThan(2);
    await expectFits(page, 'phone: debrief');
    await screenshot(page, 'device-phone-debrief');
    await inspectOpenedEnvelope(page);
    // The expanded board on a phone fits as well (checked mid-round above as the strip).
    expect(harness.pageErrors).toEqual([]);
  });

  it('on a phone the board is a strip of the wire that expands to the whole board', async () => {
    const page = await openTable(SIZES[0]);
    const host = page.locator('.board-host');
    await expect.poll(() => host.getAttribute('data-strip')).toBe('true');
    const strip = (await host.boundingBox())!;
    const order = await page.evaluate(() => {
      const top = (selector: string) => document.querySelector(selector)!.getBoundingClientRect().top;
      return top('.actions') < top('.board-host');
    });
    expect(order, 'the action panel comes before the board').toBe(true);
    await page.getByRole('button', { name: 'Show the whole board' }).tap();
    await expect.poll(() => host.getAttribute('data-strip')).toBe('false');
    expect((await host.boundingBox())!.height).toBeGreaterThan(strip.height * 1.5);
    await expect.poll(async () => (await boardLabels(page)).some((l) => l.text === 'CA office')).toBe(true);
    expect(labelProblems(await boardLabels(page))).toEqual([]);
    await expectFits(page, 'phone: expanded board');
    await screenshot(page, 'device-phone-board-expanded', { fullPage: true });
  });
});

/**
 * A sealed envelope the client could open, in the inspector on a phone (from the debrief's list): its
 * plaintext bytes beside the ciphertext, hex that breaks only between bytes, and it fits.
 */
async function inspectOpenedEnvelope(page: Page): Promise<void> {
  const envelopes = page.locator('.debrief button[data-focus^="debrief-env:"]');
  let found = false;
  for (let i = 0; i < (await envelopes.count()) && !found; i++) {
    await envelopes.nth(i).tap();
    await page.locator('.inspector').waitFor();
    const captions = await page.locator('.inspector figcaption').allTextContents();
    found = captions.some((c) => c.startsWith('Plaintext (opened with your key)'));
    if (!found) await page.getByRole('button', { name: 'Close ✕' }).tap();
  }
  expect(found, 'an envelope shows the plaintext it opened to').toBe(true);
  expect(await page.locator('.inspector figcaption', { hasText: /^Ciphertext/ }).count()).toBeGreaterThan(0);
  const splitBytes = await page.evaluate(() => {
    let split = 0;
    for (const pre of document.querySelectorAll('.inspector .hex-bytes')) {
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.tagName === 'SUP') continue;
        for (const match of (node.textContent ?? '').matchAll(/[0-9a-f]{2}/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + 2);
          if (range.getClientRects().length > 1) split++;
        }
      }
    }
    return split;
  });
  expect(splitBytes, 'bytes broken across lines').toBe(0);
  await expectFits(page, 'phone: inspector on a sealed envelope');
  await screenshot(page, 'device-phone-inspector-sealed');
  await page.getByRole('button', { name: 'Close ✕' }).tap();
  await expect.poll(() => page.locator('.inspector').count()).toBe(0);
}

/** Ticks the plan's choices and presses its button with taps, as a finger would. */
async function byTapping(page: Page, plan: Plan): Promise<void> {
  for (const choice of plan.choices) {
    for (const value of choice.values) {
      const input = `input[name$="|${choice.field}"][value="${value}"]`;
      if (!(await page.locator(`.moves ${input}`).isChecked()))
        await page.locator('.moves .option', { has: page.locator(input) }).tap();
    }
  }
  await page.locator('.move-button', { hasText: plan.label }).first().tap();
}
