/**
 * The bugs found trying every screen as a new user would: pause left the moves enabled and its words on
 * screen; the projector opened only in the host's browser and overflowed 720p; Past sessions counted nothing
 * during a live session; a refusal stayed up after the right key was dragged in; a rejected nickname on
 * "Create a table" still made a table and spent the address's budget.
 * @module
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUTS, pocketSlot, targetSlot } from '../../client/src/board/layout.ts';
import { tempDatabasePath } from '../room/classHelpers.ts';
import { type BrowserHarness, screenshot, startHarness, VIEWPORTS } from './harness.ts';
import { axeViolations, layoutProblems } from './pageChecks.ts';
import { byMouse, decide, playToDebrief, readPanel, type SeatRole } from './players.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness({
    // One table a minute: a refused nickname must not spend it.
    tablesCreatedPerMinute: 1,
    table: { botMoveDelayMs: 0 },
    classes: { databasePath: tempDatabasePath(), minStepSeconds: 0.01 },
  });
});
afterAll(() => harness.close());

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';
const tablesCreated = () => harness.server.logs.filter((line) => /^\[table \w+\] created$/.test(line)).length;

describe('bugs found on every device', { timeout: 120_000 }, () => {
  it('a rejected nickname on "Create a table" creates no table and spends nothing', async () => {
    const page = await harness.open('/', VIEWPORTS.phone);
    await page.fill('#nickname', 'shit');
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Create a table' }).click();
      await expect.poll(() => text(page, '.error')).toContain('choose a different nickname');
    }
    expect(tablesCreated()).toBe(0);
    await page.fill('#nickname', 'Dana');
    await page.getByRole('button', { name: 'Create a table' }).click();
    await page.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
    expect(tablesCreated()).toBe(1);
  });

  it('a refused "Lock with" goes away once the right key is dragged in', async () => {
    const page = await harness.open('/#/practice/happy-path/client', VIEWPORTS.laptop);
    // Play the happy path up to the locked login.
    for (let i = 0; i < 200; i++) {
      const panel = await readPanel(page);
      if (panel.moves.some((m) => m.label.startsWith('Lock the login'))) break;
      const plan = decide('client', panel.moves);
      if (!plan) {
        await page.waitForTimeout(100);
        continue;
      }
      await byMouse(page, plan);
      await page.waitForFunction(
        (v) => Number(document.querySelector<HTMLElement>('.actions')?.dataset.version ?? -2) !== v,
        panel.version,
      );
    }
    // On the way: the byte inspector on an envelope with a field table fits a laptop's side sheet.
    await page.locator('.envelopes .item', { hasText: 'EncryptedExtensions' }).first().click();
    await page.locator('.inspector .fields').first().waitFor();
    expect(await layoutProblems(page)).toEqual([]);
    await screenshot(page, 'inspector-envelope-laptop');
    await page.keyboard.press('Escape');
    const form = page.locator('form.move', { hasText: 'Lock the login' });
    const wrong = form.locator('input[name$="|lockWith"]:not([value="session-keys"])').first();
    await wrong.check();
    await form.locator('.move-button').click();
    await expect.poll(() => page.locator('.actions .error').count()).toBe(1);
    // Now the right key, dragged from the pocket on the board onto the slot.
    const wide = LAYOUTS.wide;
    await page.locator('.board-host[data-layout="wide"] canvas').waitFor();
    const pocket = await page
      .locator('.pocket .item')
      .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.focus!.slice('item:'.length)));
    const box = (await page.locator('.board-host canvas').boundingBox())!;
    const onBoard = (p: { x: number; y: number }) => {
      const scale = box.width / wide.stage.width;
      return { x: box.x + p.x * scale, y: box.y + p.y * scale };
    };
    const from = onBoard(pocketSlot(wide, pocket.indexOf('session-keys'), pocket.length, true));
    const to = onBoard(targetSlot(wide, 0));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 20, from.y - 10, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => form.locator('input[value="session-keys"]').isChecked()).toBe(true);
    expect(await page.locator('.actions .error').count()).toBe(0);
    await screenshot(page, 'bug-stale-error-cleared');
  });

  describe('in a live class', () => {
    let host: Page;
    let ada: Page;
    let code = '';
    const session = () => host.locator(`.session[data-session="${code}"] .muted`);
    beforeAll(async () => {
      host = await harness.open('/#/host', VIEWPORTS.laptop);
      await host.getByRole('button', { name: 'Create a class session' }).click();
      await host.locator('h1', { hasText: /^Class [A-Z0-9]{6}$/ }).waitFor();
      code = (await text(host, 'h1')).slice('Class '.length);
      await host.fill('#set-rounds', '2');
      await host.locator('#set-nolimit').check();
      await host.getByRole('button', { name: 'Save settings' }).click();
      await host.locator('.session .muted', { hasText: /^running now · 0 students/ }).waitFor();
      ada = await harness.open(`/?code=${code}`, VIEWPORTS.phone, { hasTouch: true, isMobile: true });
      await ada.fill('#nickname', 'Ada');
      await ada.getByRole('button', { name: 'Join', exact: true }).click();
      await ada.waitForURL(new RegExp(`#/class/${code}$`));
    });

    it('Past sessions counts the live session’s students as they come', async () => {
      await expect.poll(() => session().textContent()).toMatch(/^running now · 1 student · 0 rounds finished/);
      // The class pages fit as well: the student's lobby on her phone, the dashboard on a laptop and a phone.
      for (const [page, name] of [
        [ada, 'class-lobby-phone'],
        [host, 'class-host-laptop'],
      ] as const) {
        expect(await layoutProblems(page), name).toEqual([]);
        expect(await axeViolations(page), name).toEqual([]);
        await screenshot(page, name, { fullPage: true });
      }
      await host.setViewportSize(VIEWPORTS.phone);
      expect(await layoutProblems(host), 'class-host-phone').toEqual([]);
      await screenshot(host, 'class-host-phone', { fullPage: true });
      await host.setViewportSize(VIEWPORTS.laptop);
    });

    it('the projector link carries its own key, opens in a browser that never hosted, and fits 720p and 1080p', async () => {
      const link = host.getByRole('link', { name: 'Open the projector view' });
      const href = (await link.getAttribute('href'))!;
      const key = new URLSearchParams(href.split('?')[1]).get('key');
      expect(key).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      expect(key).not.toBe(await host.evaluate(() => localStorage.getItem('handshake.hostKey')));
      await host.locator('.projector-link summary').click();
      expect(await host.locator('.projector-link svg[aria-label^="QR code of the projector link"]').count()).toBe(1);
      const projector = await harness.open(`/${href}`, VIEWPORTS.smallProjector);
      await expect.poll(() => text(projector, '.join-code')).toBe(`${code.slice(0, 3)} ${code.slice(3)}`);
      await expectProjectorFits(projector, 'projector-720p-joining');
      const stranger = await harness.open(`/#/projector/${code}?key=${'x'.repeat(40)}`, VIEWPORTS.smallProjector);
      await expect.poll(() => text(stranger, '[role="alert"]')).toContain('not for this session');
      await stranger.close();
      // Playing: the leaderboard and the table's step, still without scrolling.
      await host.getByRole('button', { name: 'Start the competition' }).click();
      await expect.poll(() => projector.locator('.class-table').count()).toBe(1);
      await expectProjectorFits(projector, 'projector-720p-playing');
      await projector.setViewportSize(VIEWPORTS.projector);
      await expectProjectorFits(projector, 'projector-1080p-playing');
      await projector.close();
    });

    it('pause disables the moves and says why; resume enables them and the words go', async () => {
      if ((await host.getByRole('button', { name: 'Start the competition' }).count()) > 0)
        await host.getByRole('button', { name: 'Start the competition' }).click();
      await expect
        .poll(() => ada.locator('.table-screen').getAttribute('data-role'), { timeout: 15_000 })
        .toMatch(/^(client|server|ca|eavesdropper)$/);
      await ada.locator('.moves .move-button').first().waitFor({ timeout: 30_000 });
      await host.getByRole('button', { name: 'Pause', exact: true }).click();
      await expect.poll(() => ada.locator('.actions .paused-note').count()).toBe(1);
      const buttons = ada.locator('.moves .move-button');
      await expect
        .poll(() => buttons.evaluateAll((all) => all.every((b) => (b as HTMLButtonElement).disabled)))
        .toBe(true);
      await screenshot(ada, 'bug-paused-phone');
      await host.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => ada.locator('.actions .paused-note').count()).toBe(0);
      expect(await buttons.evaluateAll((all) => all.some((b) => (b as HTMLButtonElement).disabled))).toBe(false);
      expect(await text(ada, '.actions')).not.toMatch(/paused/i);
    });

    it('Past sessions counts a finished round while the session still runs', async () => {
      const role = (await ada.locator('.table-screen').getAttribute('data-role')) as SeatRole;
      await playToDebrief([{ page: ada, role }], byMouse);
      await expect
        .poll(() => session().textContent(), { timeout: 15_000 })
        .toMatch(/^running now · 1 student · 1 round finished/);
      expect(harness.pageErrors).toEqual([]);
    });
  });
});

/** The projector fills its screen exactly: no scrolling either way, nothing cut off, axe has nothing to say. */
async function expectProjectorFits(page: Page, name: string): Promise<void> {
  await screenshot(page, name, { fullPage: true });
  await expect
    .poll(() =>
      page.evaluate(() => {
        const root = document.documentElement;
        return root.scrollHeight <= root.clientHeight && root.scrollWidth <= root.clientWidth;
      }),
    )
    .toBe(true);
  expect(await layoutProblems(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
}
