import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabasePath } from '../room/classHelpers.ts';
import { type BrowserHarness, startHarness } from './harness.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness({ classes: { databasePath: tempDatabasePath(), teacherPassword: 'owl-and-key' } });
});
afterAll(() => harness.close());

describe('hosting on a server with a teacher password', () => {
  it('asks for the password, refuses a wrong one, and keeps the session across a reload', async () => {
    const host = await harness.open('/#/host');
    expect(await host.locator('#teacher-password').count()).toBe(0);
    await host.getByRole('button', { name: 'Create a class session' }).click();
    await expect.poll(() => host.locator('p.error').textContent()).toBe('This server asks for the teacher password.');

    await host.getByLabel('Teacher password').fill('owl');
    await host.getByRole('button', { name: 'Create a class session' }).click();
    await expect.poll(() => host.locator('p.error').textContent()).toBe('That is not the teacher password.');

    await host.getByLabel('Teacher password').fill('owl-and-key');
    await host.getByRole('button', { name: 'Create a class session' }).click();
    await expect.poll(() => host.locator('h1').textContent()).toMatch(/^Class [A-Z0-9]{6}$/);
    const heading = await host.locator('h1').textContent();
    // The results endpoints need the password too: the past-sessions list shows this live session.
    await expect.poll(() => host.locator('.session .muted').first().textContent()).toMatch(/^running now · 0 students/);

    // A reload comes back to the same session with the host key this browser keeps.
    await host.reload();
    await expect.poll(() => host.locator('h1').textContent()).toBe(heading);
    await expect.poll(() => host.getByRole('button', { name: 'Start the competition' }).count()).toBe(1);
  });

  it('reports no page errors', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
