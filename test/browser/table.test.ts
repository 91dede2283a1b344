import type { PublicTable } from '@handshake/server/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, screenshot, startHarness, tabTo, VIEWPORTS } from './harness.ts';
import { byKeyboard, byMouse, playToDebrief, type SeatRole } from './players.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness({ table: { botMoveDelayMs: 50 } });
});
afterAll(() => harness.close());

async function createTable(page: Page, nickname: string): Promise<string> {
  await page.fill('#nickname', nickname);
  await page.getByRole('button', { name: 'Create a table' }).click();
  await page.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
  return page.url().split('/').at(-1)!;
}

async function roleOf(page: Page): Promise<SeatRole> {
  await expect.poll(() => page.locator('.table-screen').getAttribute('data-role')).not.toBe('spectator');
  return (await page.locator('.table-screen').getAttribute('data-role')) as SeatRole;
}

describe('a table in the browser', () => {
  it('four pages join one table by code and play a whole round by clicking', async () => {
    const host = await harness.open('/');
    const code = await createTable(host, 'Alice');
    const pages = [host];
    for (const nickname of ['Bob', 'Carol', 'Eve']) {
      const page = await harness.open(`/?code=${code}`);
      await page.fill('#nickname', nickname);
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      await page.waitForURL(new RegExp(`#/table/${code}$`));
      pages.push(page);
    }
    const players = await Promise.all(pages.map(async (page) => ({ page, role: await roleOf(page) })));
    expect(players.map((p) => p.role).sort()).toEqual(['ca', 'client', 'eavesdropper', 'server']);
    await expect.poll(() => host.locator('.badge.human').count()).toBe(4);

    await host.getByRole('button', { name: 'Start the round' }).click();
    let shotMidHandshake = false;
    const shot = new Set<string>();
    await playToDebrief(players, byMouse, async (page, role, plan) => {
      // What the server and the eavesdropper see, the first time each holds an envelope in their hands.
      if (role === 'server' && plan.label.startsWith('Send ServerHello') && !shot.has(role)) {
        shot.add(role);
        await screenshot(page, 'game-server');
      }
      if (role === 'eavesdropper' && plan.label.startsWith('Pass on #') && !shot.has(role)) {
        shot.add(role);
        await screenshot(page, 'game-eavesdropper');
      }
      if (role === 'client' && plan.label.startsWith('Trust the certificate') && !shotMidHandshake) {
        shotMidHandshake = true;
        await screenshot(page, 'game-mid-handshake');
        // The inspector on the server's encrypted flight: certificate checks and labelled bytes.
        await page.locator('.envelopes .item', { hasText: 'EncryptedExtensions' }).first().click();
        await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
        expect(await page.locator('.inspector .fields tbody tr').count()).toBeGreaterThan(2);
        await screenshot(page, 'inspector-envelope');
        await page.keyboard.press('Escape');
        await page.locator('.pocket .item', { hasText: 'certificate the server presented' }).click();
        await expect.poll(() => page.locator('.inspector .checks li').count()).toBeGreaterThan(0);
        expect(await page.locator('.inspector').textContent()).toContain('Issued to');
        await screenshot(page, 'inspector');
        await page.getByRole('button', { name: 'Close ✕' }).click();
      }
    });
    expect(shotMidHandshake).toBe(true);

    for (const { page } of players) {
      await expect.poll(() => page.getByRole('heading', { name: /^Debrief/ }).isVisible()).toBe(true);
      expect(await page.locator('.outcome').textContent()).toContain('The secure session was completed.');
    }
    const eve = players.find((p) => p.role === 'eavesdropper')!.page;
    expect(await eve.locator('.eve-table').textContent()).toContain('Saw sealed bytes only');
    await screenshot(host, 'debrief');
    await screenshot(eve, 'debrief-eavesdropper-full', { fullPage: true });
    // After the round every pocket is open: the server's own key share, not the copy the client held.
    await eve.locator('[data-focus="debrief-item:server:server-key-share"]').click();
    await expect.poll(() => eve.locator('#inspector-title').textContent()).toMatch(/\(the Server’s\)$/);
    expect(await eve.locator('.inspector .hex-bytes').count()).toBe(1);
    await screenshot(eve, 'debrief-inspector');
    expect(harness.pageErrors).toEqual([]);
  }, 150_000);

  it('one page plays a round against three bots with the keyboard alone', async () => {
    const page = await harness.open('/');
    await page.locator('#nickname').focus();
    await page.keyboard.type('Kim');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // Past "Join" to "Create a table".
    for (
      let i = 0;
      i < 5 && !(await page.evaluate(() => document.activeElement?.textContent === 'Create a table'));
      i++
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
    expect(await roleOf(page)).toBe('client');
    await page.keyboard.press('Tab');
    await tabTo(page, 'Start the round');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.table-screen').getAttribute('data-stage')).toBe('game');
    await page.locator('.board-host canvas').waitFor();
    // The game screen fits a classroom laptop, a projector and a tablet without sideways scrolling.
    for (const [name, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth))
        .toBe(true);
      await screenshot(page, `game-${name}`);
    }
    await page.setViewportSize(VIEWPORTS.laptop);
    let focusShot = false;
    await playToDebrief([{ page, role: 'client' }], (p, plan) =>
      byKeyboard(p, plan, async () => {
        if (focusShot || plan.choices.length === 0) return;
        focusShot = true;
        await screenshot(p, 'keyboard-focus');
      }),
    );
    await expect.poll(() => page.getByRole('heading', { name: /^Debrief/ }).isVisible()).toBe(true);
    expect(await page.locator('.outcome').textContent()).toContain('The secure session was completed.');
    // A screen reader heard the turns and the end of the round through the live region.
    const announced = await page.locator('[aria-live="polite"]').textContent();
    expect(announced).toContain('The round is over: the debrief is open.');
    expect(harness.pageErrors).toEqual([]);
  }, 120_000);

  it('says "reconnecting…" when the connection drops and comes back to the same seat', async () => {
    const page = await harness.open('/');
    const code = await createTable(page, 'Lee');
    expect(await roleOf(page)).toBe('client');
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { bannerTexts: string[] }).bannerTexts = seen;
      const banner = document.querySelector('.connection-banner')!;
      new MutationObserver(() => seen.push(banner.textContent ?? '')).observe(banner, {
        childList: true,
        subtree: true,
      });
    });
    // Cut the socket from the server's side, as a lost Wi-Fi would (after a moment: the SDK does not retry a
    // connection that dropped within half a second of joining).
    await page.waitForTimeout(1_000);
    const room = harness.server.colyseus.getRoomById<PublicTable>(code);
    const seat = room.state.seats.get('client')!;
    const client = room.clients.find((c) => c.sessionId === seat.sessionId);
    (client as unknown as { ref: { terminate: () => void } }).ref.terminate();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { bannerTexts: string[] }).bannerTexts.join(' | ')))
      .toContain('reconnecting…');
    await expect.poll(() => page.locator('.conn').textContent()).toBe('Connected');
    expect(await page.locator('.connection-banner').textContent()).toBe('');
    expect(await roleOf(page)).toBe('client');
    expect(await page.locator('.seat.you').textContent()).toContain('Lee (you)');
  });
});
