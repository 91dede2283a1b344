import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinClass, parseCsv, tempDatabasePath } from '../room/classHelpers.ts';
import { until } from '../room/helpers.ts';
import { type BrowserHarness, OUTPUT_DIR, screenshot, startHarness, tabTo, VIEWPORTS } from './harness.ts';
import { byMouse, playToDebrief, type SeatRole } from './players.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness({
    table: { botMoveDelayMs: 0 },
    classes: { databasePath: tempDatabasePath(), minStepSeconds: 0.01 },
  });
});
afterAll(() => harness.close());

/** Controls only a teacher should ever see. */
const HOST_CONTROLS = /Start the competition|End the session|^Pause$|Resume|Remove|Ban|Rename|Save settings/;

async function joinFromHome(page: Page, code: string | null, nickname: string): Promise<void> {
  if (code) await page.fill('#join-code', code);
  await page.fill('#nickname', nickname);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

async function roleOf(page: Page): Promise<SeatRole> {
  await expect
    .poll(() => page.locator('.table-screen').getAttribute('data-role'), { timeout: 15_000 })
    .toMatch(/^(client|server|ca|eavesdropper)$/);
  return (await page.locator('.table-screen').getAttribute('data-role')) as SeatRole;
}

const atTop = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));
const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

describe('a class session in the browser', () => {
  it('host, projector and two students go through a short session', async () => {
    // The teacher creates a session; the host key stays in this browser.
    const host = await harness.open('/#/host');
    await host.getByRole('button', { name: 'Create a class session' }).click();
    await expect.poll(() => text(host, 'h1')).toMatch(/^Class [A-Z0-9]{6}$/);
    const code = (await text(host, 'h1')).slice('Class '.length);
    expect(await host.evaluate(() => localStorage.getItem('handshake.hostKey'))).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(await text(host, '.join-url')).toBe(`${harness.server.httpUrl}/?code=${code}`);
    expect(await host.locator('.join-info .qr svg[role="img"]').count()).toBe(1);
    // Settings: two rounds, no time limit (the students play by clicking).
    await host.fill('#set-rounds', '2');
    await host.locator('#set-nolimit').check();
    await expect.poll(() => host.locator('#set-step').count()).toBe(0);
    await host.getByRole('button', { name: 'Save settings' }).click();
    // Students: one follows the join link, one types the code into the home page's one code box.
    const ada = await harness.open(`/?code=${code}`);
    await joinFromHome(ada, null, 'Ada');
    await ada.waitForURL(new RegExp(`#/class/${code}$`));
    const grace = await harness.open('/');
    await joinFromHome(grace, code.toLowerCase(), 'Grace');
    await grace.waitForURL(new RegExp(`#/class/${code}$`));
    await expect.poll(() => text(ada, '.you-are')).toBe('You are Ada');
    await expect.poll(() => ada.locator('.here-list li').allTextContents()).toEqual(['Ada (you)', 'Grace']);
    await expect.poll(() => host.locator('.roster-table tbody tr').count()).toBe(2);
    await expect.poll(() => text(host, '.class-status')).toBe('Lobby · 2 students');
    // Roster changes are read out through the live region, on the host page and in the lobby.
    await expect.poll(() => text(host, '[role="log"]')).toContain('Grace joined.');
    await expect.poll(() => text(ada, '[role="log"]')).toContain('Grace joined the class.');
    // The teacher renames a student; her page follows.
    await host.getByRole('button', { name: 'Rename Grace' }).click();
    await host.getByLabel('New nickname for Grace').fill('Grace H');
    await host.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => text(grace, '.you-are')).toBe('You are Grace H');
    for (const student of [ada, grace])
      expect(await student.getByRole('button', { name: HOST_CONTROLS }).count()).toBe(0);
    await atTop(host);
    await screenshot(host, 'class-host-lobby');
    await screenshot(grace, 'class-student-lobby');
    // The projector opens from the host page, in the same browser (it needs the host key).
    const [projector] = await Promise.all([
      host.context().waitForEvent('page'),
      host.getByRole('link', { name: 'Open the projector view' }).click(),
    ]);
    projector.on('pageerror', (error) => harness.pageErrors.push(`projector: ${error.message}`));
    await projector.setViewportSize(VIEWPORTS.projector);
    await expect.poll(() => text(projector, '.join-code')).toBe(`${code.slice(0, 3)} ${code.slice(3)}`);
    expect(await projector.locator('.qr svg').count()).toBe(1);
    await expect.poll(() => projector.locator('.leaderboard tbody tr').count()).toBe(2);
    await screenshot(projector, 'class-projector-joining');
    // More time for one student (checked below, after the roster is redrawn from the server).
    await host.getByLabel('More time for Ada').selectOption('2');

    // Removed students may come back; banned ones may not; each is told in words.
    const mallory = await harness.open(`/?code=${code}`);
    await joinFromHome(mallory, null, 'Mallory');
    await expect.poll(() => text(mallory, '.you-are')).toBe('You are Mallory');
    // The roster was redrawn from the server's state since: Ada's extra time is what the server holds.
    await expect.poll(() => host.locator('.roster-table tbody tr').count()).toBe(3);
    expect(await host.getByLabel('More time for Ada').inputValue()).toBe('2');
    await host.getByRole('button', { name: 'Remove Mallory' }).click();
    await host.getByRole('button', { name: 'Yes, remove' }).click();
    await expect
      .poll(() => text(mallory, '[role="alert"]'))
      .toContain('removed you from the class. You may join again');
    await mallory.getByRole('button', { name: 'Join again' }).click();
    await expect.poll(() => text(mallory, '.you-are')).toBe('You are Mallory');
    await host.getByRole('button', { name: 'Ban Mallory' }).click();
    await host.getByRole('button', { name: 'Yes, ban' }).click();
    await expect.poll(() => text(mallory, '[role="alert"]')).toContain('for good');
    expect(await mallory.getByRole('button', { name: 'Join again' }).count()).toBe(0);
    await expect.poll(() => host.locator('.roster-table tbody tr').count()).toBe(2);
    // Locked: the projector hides the code and a newcomer (from the same laptop, by another name) is told why they cannot join.
    await host.locator('#lock-class').check();
    await expect.poll(() => text(host, '.class-status')).toBe('Lobby · 2 students · locked');
    await expect.poll(() => projector.locator('.join-code').count()).toBe(0);
    await mallory.getByRole('link', { name: 'Back to the start page' }).click();
    await joinFromHome(mallory, code, 'Late');
    await expect.poll(() => text(mallory, '[role="alert"]')).toContain('locked');
    await mallory.close();
    await host.locator('#lock-class').uncheck();
    await expect.poll(() => projector.locator('.join-code').count()).toBe(1);
    // Start (by keyboard): both students are seated at a table (bots fill the other seats) and play round 1 by clicking.
    await tabTo(host, 'Start the competition', 10);
    await host.keyboard.press('Enter');
    const players = [
      { page: ada, role: await roleOf(ada) },
      { page: grace, role: await roleOf(grace) },
    ];
    expect(players[0]!.role).not.toBe(players[1]!.role);
    await expect.poll(() => text(ada, '.class-strip')).toContain('Round 1 of 2');
    await expect.poll(() => text(host, '.class-status')).toBe('Round 1 of 2 · playing');
    await expect.poll(() => projector.locator('.class-table').count()).toBe(1);
    expect(await text(projector, '.class-table .step')).not.toBe('Waiting for the first round');
    for (const student of [ada, grace])
      expect(await student.getByRole('button', { name: HOST_CONTROLS }).count()).toBe(0);
    await playToDebrief(players, byMouse);

    await expect
      .poll(() => text(host, '.class-status'), { timeout: 10_000 })
      .toBe('Round 1 of 2 done · waiting for the next round');
    await expect.poll(() => text(projector, '.class-table .step')).toBe('Round over: reading the debrief');
    // The leaderboard is the class's: each student's total is the sum of their per-role points.
    const boardRows = await host
      .locator('.leaderboard tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('td.num')].map((cell) => Number(cell.textContent))),
      );
    expect(boardRows).toHaveLength(2);
    for (const cells of boardRows) expect(cells.at(-1)).toBe(cells.slice(0, 4).reduce((a, b) => a + b, 0));
    expect(boardRows.some((cells) => cells.at(-1)! !== 0)).toBe(true);
    await expect.poll(() => text(ada, '.class-strip .standing')).toMatch(/^(1st|2nd) of 2 · -?\d+ points$/);
    await expect
      .poll(() => text(grace, '.class-strip'))
      .toContain('Round 1 of 2 done · your teacher starts the next one');
    await expect.poll(() => projector.locator('.leaderboard tbody tr').count()).toBe(2);
    await atTop(host);
    await screenshot(host, 'class-host-dashboard');
    await host.setViewportSize(VIEWPORTS.projector);
    await screenshot(host, 'class-host-dashboard-1080p');
    await host.setViewportSize(VIEWPORTS.laptop);
    await screenshot(projector, 'class-projector-leaderboard');
    await projector.setViewportSize(VIEWPORTS.laptop);
    await screenshot(projector, 'class-projector-laptop');
    await projector.setViewportSize(VIEWPORTS.projector);
    await host.locator('.leaderboard-panel').screenshot({ path: join(OUTPUT_DIR, 'class-leaderboard.png') });
    await screenshot(ada, 'class-student-table');
    // A student's browser cannot act as the host: over HTTP, and over the class room with her own key.
    const pass = JSON.parse((await grace.evaluate((c) => sessionStorage.getItem(`handshake.class.${c}`), code))!) as {
      studentKey: string;
    };
    const asHost = await fetch(`${harness.server.httpUrl}/api/classes/${code}/host`, {
      method: 'POST',
      headers: { 'x-host-key': pass.studentKey },
    });
    expect(asHost.status).toBe(403);
    const rogue = await joinClass(harness.server.httpUrl, code, { studentKey: pass.studentKey });
    for (const type of ['nextRound', 'pause', 'end', 'lock', 'remove']) rogue.send(type, {});
    await until(() => rogue.rejections.length === 5, 'five refusals');
    expect(rogue.rejections.map((r) => r.code)).toEqual(Array(5).fill('NOT_HOST'));
    expect(rogue.state.status).toBe('between-rounds');
    expect(rogue.state.paused).toBe(false);
    // Her page was replaced by that connection and says so; she continues there.
    await expect.poll(() => text(grace, '[role="alert"]')).toContain('open in another tab');
    await grace.getByRole('button', { name: 'Continue here' }).click();
    await expect.poll(() => grace.locator('.table-screen').getAttribute('data-stage')).toBe('debrief');
    await until(() => rogue.closeCode !== null, 'the rogue connection to be replaced');

    // A reload brings a student back to her table, with the student key this tab kept.
    await ada.reload();
    await expect.poll(() => ada.locator('.table-screen').getAttribute('data-stage')).toBe('debrief');
    await expect.poll(() => text(ada, '.class-strip .standing')).toMatch(/^(1st|2nd) of 2/);
    // Pause and resume reach the students.
    await host.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => text(ada, '.class-strip')).toContain('Paused by your teacher');
    await host.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => ada.locator('.class-strip .paused-banner').count()).toBe(0);
    // The teacher ends the session (after confirming); everyone is told.
    await host.getByRole('button', { name: 'End the session' }).click();
    await host.getByRole('button', { name: 'Yes, end it' }).click();
    for (const student of [ada, grace]) {
      await expect.poll(() => text(student, 'h1')).toBe('The class session has ended');
      expect(await text(student, '.final-standing')).toMatch(/^You finished (1st|2nd) of 2 with -?\d+ points\.$/);
    }
    await expect.poll(() => text(projector, '.class-status')).toBe('The session has ended');
    await expect.poll(() => host.getByRole('heading', { name: 'Session over' }).count()).toBe(1);
    await screenshot(ada, 'class-student-ended');
    // Results: the past session, its summary by concept, the CSV, then deletion after a confirmation.
    const session = host.locator(`.session[data-session="${code}"]`);
    await expect.poll(() => session.locator('.muted').textContent()).toMatch(/^ended · 3 students · 1 round finished/);
    await session.getByRole('button', { name: 'Summary by concept' }).click();
    await expect
      .poll(() => session.locator('.student-summary h4').allTextContents())
      .toEqual(expect.arrayContaining(['Ada', 'Grace H']));
    const [download] = await Promise.all([
      host.waitForEvent('download'),
      session.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^handshake-${code}-.*\\.csv$`));
    const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
    expect(rows.map((r) => `${r.round} ${r.nickname}`).sort()).toEqual(['1 Ada', '1 Grace H']);
    await session.scrollIntoViewIfNeeded();
    await screenshot(host, 'class-host-results');
    await session.getByRole('button', { name: 'Delete' }).click();
    await host.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => host.locator(`.session[data-session="${code}"]`).count()).toBe(0);
  }, 120_000);

  it('reports no page errors', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
