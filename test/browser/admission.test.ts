/** Who may join a class, from the host page: the teacher lets each student in or turns them away, and caps the class. */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabasePath } from '../room/classHelpers.ts';
import { type BrowserHarness, screenshot, startHarness, VIEWPORTS } from './harness.ts';
import { axeViolations, layoutProblems } from './pageChecks.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness({
    table: { botMoveDelayMs: 0 },
    classes: { databasePath: tempDatabasePath(), minStepSeconds: 0.01, maxStudents: 60 },
  });
});
afterAll(() => harness.close());

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

/** A student opens the join link and types a nickname on the start page. */
async function joinByLink(code: string, nickname: string): Promise<Page> {
  const page = await harness.open(`/?code=${code}`);
  await page.fill('#nickname', nickname);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  return page;
}

describe('admission on the host page', () => {
  it('lets a waiting student in, turns another away, and refuses the student past the cap', async () => {
    const host = await harness.open('/#/host');
    await host.getByRole('button', { name: 'Create a class session' }).click();
    await expect.poll(() => text(host, 'h1')).toMatch(/^Class [A-Z0-9]{6}$/);
    const code = (await text(host, 'h1')).slice('Class '.length);
    // The server's own cap is shown until the teacher sets one.
    expect(await host.getByLabel('Most students').inputValue()).toBe('60');

    // Approval on: the page says so once the server has it.
    await host.getByLabel('I approve each student who joins').check();
    await expect.poll(() => text(host, '.admission')).toContain('New students wait until you let them in');

    // Ada joins and waits; her page says what she waits for, the host sees her first, marked, with two buttons.
    const ada = await joinByLink(code, 'Ada');
    await ada.waitForURL(new RegExp(`#/class/${code}$`));
    await expect.poll(() => text(ada, '.waiting')).toBe('Waiting for your teacher to let you in.');
    const adaRow = host.locator('.roster-table tr[data-student="Ada"]');
    await expect.poll(() => adaRow.getAttribute('class')).toBe('pending');
    expect(await adaRow.textContent()).toContain('Waiting for you to let them in');
    await expect.poll(() => text(host, '#roster-title')).toContain('1 waiting for you');
    await expect.poll(() => text(host, '[role="log"]')).toContain('Ada is waiting for you to let them in.');
    // Not on the leaderboard until she is in.
    expect(await host.locator('.leaderboard tbody tr').count()).toBe(0);
    const letIn = host.getByRole('button', { name: 'Let in Ada' });
    const turnAway = host.getByRole('button', { name: 'Turn away Ada' });
    for (const button of [letIn, turnAway]) {
      const box = await button.boundingBox();
      expect(box?.height).toBeGreaterThanOrEqual(44);
    }
    await host.evaluate(() => window.scrollTo(0, 0));
    expect(await axeViolations(host)).toEqual([]);
    expect(await layoutProblems(host)).toEqual([]);
    await screenshot(host, 'admission-host-pending-laptop');
    await host.setViewportSize(VIEWPORTS.phone);
    expect(await layoutProblems(host)).toEqual([]);
    await host.evaluate(() => document.querySelector('.roster')?.scrollIntoView());
    await screenshot(host, 'admission-host-pending-phone');
    await host.setViewportSize(VIEWPORTS.laptop);
    await screenshot(ada, 'admission-student-waiting');

    // Let in: Ada is in the lobby, and the host hears it.
    await letIn.click();
    await expect
      .poll(() => text(ada, '.waiting'))
      .toBe('Waiting for your teacher to start. You will be seated at a table with others (bots fill empty seats).');
    await expect.poll(() => adaRow.getAttribute('class')).toBeNull();
    await expect.poll(() => text(host, '[role="log"]')).toContain('Ada is in.');
    await expect.poll(() => host.locator('.leaderboard tbody tr').count()).toBe(1);
    await expect.poll(() => text(ada, '[role="log"]')).toContain('Your teacher let you in.');

    // Mallory waits, is turned away, and is told so in words (she may ask again).
    const mallory = await joinByLink(code, 'Mallory');
    await expect.poll(() => text(mallory, '.waiting')).toBe('Waiting for your teacher to let you in.');
    expect(await ada.locator('.here-list li').allTextContents()).toEqual(['Ada (you)']);
    await host.getByRole('button', { name: 'Turn away Mallory' }).click();
    await expect.poll(() => text(mallory, '[role="alert"]')).toContain('Your teacher did not let you in this time');
    expect(await mallory.getByRole('button', { name: 'Join again' }).count()).toBe(1);
    await expect.poll(() => host.locator('.roster-table tbody tr').count()).toBe(1);
    await expect.poll(() => text(host, '[role="log"]')).toContain('Mallory was turned away.');
    await screenshot(mallory, 'admission-student-turned-away');

    // A cap the server does not take, and one the page does not send, are both explained.
    await host.getByLabel('Most students').fill('500');
    await host.getByRole('button', { name: 'Set the limit' }).click();
    await expect.poll(() => text(host, '.host-live > [role="alert"]')).toContain('a whole number from 1 to 60');
    await host.getByLabel('Most students').fill('0');
    await host.getByRole('button', { name: 'Set the limit' }).click();
    await expect
      .poll(() => text(host, '.host-live > [role="alert"]'))
      .toContain('"Most students" must be a whole number');

    // Approval off and a cap of 2: Grace comes straight in, Eve (the third) is refused with a sentence.
    await host.getByLabel('I approve each student who joins').uncheck();
    await expect.poll(() => text(host, '.admission')).not.toContain('New students wait');
    await host.getByLabel('Most students').fill('2');
    await host.getByRole('button', { name: 'Set the limit' }).click();
    await expect.poll(() => text(host, '.admission .hint')).toContain('1 of at most 2 places taken');
    expect(await host.locator('.host-live > [role="alert"]').count()).toBe(0);
    const grace = await joinByLink(code, 'Grace');
    await expect
      .poll(() => text(grace, '.waiting'))
      .toBe('Waiting for your teacher to start. You will be seated at a table with others (bots fill empty seats).');
    const eve = await joinByLink(code, 'Eve');
    await expect.poll(() => text(eve, '[role="alert"]')).toContain('This class session is full (2 students).');
    expect(eve.url()).not.toContain('#/class/');
    await expect.poll(() => host.locator('.roster-table tbody tr').count()).toBe(2);

    // The student who was let in plays: the competition seats her at a table.
    await host.getByRole('button', { name: 'Start the competition' }).click();
    await expect
      .poll(() => ada.locator('.table-screen').getAttribute('data-role'), { timeout: 15_000 })
      .toMatch(/^(client|server|ca|eavesdropper)$/);
    expect(harness.pageErrors).toEqual([]);
  });
});
