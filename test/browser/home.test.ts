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

  it('shows an honest not-found page for an unknown address', async () => {
    const page = await harness.open('/#/no-such-page');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('There is no page here');
  });

  it('reports no page errors', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
