/**
 * Nicknames are whatever a pupil types: markup or script in one is shown as text wherever a nickname appears,
 * at a table and in a class session, and never becomes an element or runs.
 * @module
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabasePath } from '../room/classHelpers.ts';
import { type BrowserHarness, screenshot, startHarness } from './harness.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness({ classes: { databasePath: tempDatabasePath(), minStepSeconds: 0.01 } });
});
afterAll(() => harness.close());

/** Runs script if parsed as HTML (an SVG's load handler), within the server's 20 characters. */
const SCRIPTED = '<svg onload=__x=1>';
/** An element and an entity if parsed as HTML: shown as text, "&amp;" stays five characters. */
const MARKED = '<b>Eve</b> &amp;';

async function joinFromHome(page: Page, code: string, nickname: string): Promise<void> {
  await page.fill('#join-code', code);
  await page.fill('#nickname', nickname);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** Nothing on the page was made from either nickname, and no handler ran. */
async function expectNoInjection(page: Page): Promise<void> {
  expect(await page.locator('svg[onload], [onload]').count()).toBe(0);
  expect(await page.locator('b', { hasText: 'Eve' }).count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __x?: unknown }).__x)).toBeUndefined();
}

describe('nicknames with markup', () => {
  it('are shown as text in a table lobby and the top bar', async () => {
    const host = await harness.open('/');
    await host.fill('#nickname', SCRIPTED);
    await host.getByRole('button', { name: 'Create a table' }).click();
    await host.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
    const code = host.url().split('/').at(-1)!;
    const guest = await harness.open('/');
    await joinFromHome(guest, code, MARKED);
    await guest.waitForURL(new RegExp(`#/table/${code}$`));

    for (const page of [host, guest]) {
      await expect
        .poll(() => page.locator('.seat').allTextContents())
        .toContainEqual(expect.stringContaining(SCRIPTED));
      await expect.poll(() => page.locator('.seat').allTextContents()).toContainEqual(expect.stringContaining(MARKED));
      await expectNoInjection(page);
    }
    expect(await host.locator('.seat.you').textContent()).toContain(`${SCRIPTED} (you)`);
    expect(await guest.locator('.seat.you').textContent()).toContain(`${MARKED} (you)`);
    expect(await host.locator('.bar-item', { hasText: 'You:' }).textContent()).toContain(`You: ${SCRIPTED}`);
    expect(await guest.locator('.bar-item', { hasText: 'You:' }).textContent()).toContain(`You: ${MARKED}`);
    await screenshot(guest, 'nicknames-lobby');
    expect(harness.pageErrors).toEqual([]);
  });

  it('are shown as text on the class roster, the student lobby and the projector', async () => {
    const host = await harness.open('/#/host');
    await host.getByRole('button', { name: 'Create a class session' }).click();
    await expect.poll(() => host.locator('h1').first().textContent()).toMatch(/^Class [A-Z0-9]{6}$/);
    const code = ((await host.locator('h1').first().textContent()) ?? '').slice('Class '.length);
    const students: Page[] = [];
    for (const nickname of [SCRIPTED, MARKED]) {
      const page = await harness.open('/');
      await joinFromHome(page, code, nickname);
      await page.waitForURL(new RegExp(`#/class/${code}$`));
      await expect.poll(() => page.locator('.you-are').textContent()).toBe(`You are ${nickname}`);
      students.push(page);
    }
    const [scripted, marked] = students as [Page, Page];
    await expect.poll(() => scripted.locator('.here-list li').allTextContents()).toEqual([`${SCRIPTED} (you)`, MARKED]);
    await expect.poll(() => host.locator('.roster-table .nickname').allTextContents()).toEqual([SCRIPTED, MARKED]);
    // Names also go into labels: the teacher's controls are still found by the literal name.
    expect(await host.getByRole('button', { name: `Remove ${MARKED}` }).count()).toBe(1);
    const [projector] = await Promise.all([
      host.context().waitForEvent('page'),
      host.getByRole('link', { name: 'Open the projector view' }).click(),
    ]);
    projector.on('pageerror', (error) => harness.pageErrors.push(`projector: ${error.message}`));
    await expect
      .poll(() => projector.locator('.leaderboard tbody th').allTextContents())
      .toEqual(expect.arrayContaining([SCRIPTED, MARKED]));
    for (const page of [host, scripted, marked, projector]) await expectNoInjection(page);
    await screenshot(host, 'nicknames-class-roster');
    expect(harness.pageErrors).toEqual([]);
  });
});
