import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, screenshot, startHarness } from './harness.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe('the start page', () => {
  it('fills the code from a join link and explains a wrong code', async () => {
    const page = await harness.open('/?code=zz9zz9');
    await expect.poll(() => page.inputValue('#join-code')).toBe('ZZ9ZZ9');
    await page.fill('#nickname', 'Ada');
    await page.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('has the code ZZ9ZZ9');
    await screenshot(page, 'home');
  });

  it('creates a table and shows its lobby with four seats', async () => {
    const page = await harness.open('/');
    await page.fill('#nickname', 'Grace');
    await page.getByRole('button', { name: 'Create a table' }).click();
    await page.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
    await expect.poll(() => page.locator('.seat').count()).toBe(4);
    await expect.poll(() => page.getByRole('heading', { name: 'You are the host' }).isVisible()).toBe(true);
    expect(await page.locator('.seat.you').textContent()).toContain('Grace (you)');
    await screenshot(page, 'lobby');
  });

  it('leaves the nickname to a class that hands them out, and asks for one at a table', async () => {
    const created = await fetch(`${harness.server.httpUrl}/api/classes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ settings: { generatedNicknames: true } }),
    });
    const { code } = (await created.json()) as { code: string };
    const student = await harness.open(`/?code=${code}`);
    await student.fill('#nickname', '');
    await student.getByRole('button', { name: 'Join' }).click();
    await student.waitForURL(new RegExp(`#/class/${code}$`));
    // The class gave a two-word name, shown as the student's own.
    await expect.poll(() => student.locator('body').textContent()).toMatch(/You are [A-Z][a-z]+ [A-Z][a-z]+/);

    const host = await harness.open('/');
    await host.fill('#nickname', 'Grace');
    await host.getByRole('button', { name: 'Create a table' }).click();
    await host.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
    const tableCode = host.url().slice(-6);
    const nameless = await harness.open(`/?code=${tableCode}`);
    await nameless.fill('#nickname', '');
    await nameless.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => nameless.getByRole('alert').textContent()).toContain('Type a nickname');
  });

  it('lets the host of a table send a player away, who is told so', async () => {
    const host = await harness.open('/');
    await host.fill('#nickname', 'Grace');
    await host.getByRole('button', { name: 'Create a table' }).click();
    await host.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
    const player = await harness.open(`/?code=${host.url().slice(-6)}`);
    await player.fill('#nickname', 'Mallory');
    await player.getByRole('button', { name: 'Join' }).click();
    await player.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
    // Only the host sees the control, and not for their own seat.
    expect(await player.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    await host.getByRole('button', { name: 'Remove Mallory from the table' }).click();
    await expect.poll(() => player.locator('body').textContent()).toContain('The host removed you from the table.');
    await expect.poll(() => host.locator('.seat').filter({ hasText: 'Mallory' }).count()).toBe(0);
    expect(await host.getByRole('button', { name: /^Remove / }).count()).toBe(0);
  });

  it('shows an honest not-found page for an unknown address', async () => {
    const page = await harness.open('/#/no-such-page');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('There is no page here');
  });

  it('reports no page errors', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
