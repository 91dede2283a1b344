/**
 * The start page applies the protocol's code and nickname rules before asking the server: a code with a
 * look-alike character or an overlong nickname is explained at once, and a good code still joins.
 */
import { NICKNAME_MAX_LENGTH } from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, screenshot, startHarness } from './harness.ts';

const PHONE = { width: 390, height: 844 };

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe('the start page’s join rules', () => {
  it('explains a code with a look-alike character without asking the server', async () => {
    for (const [name, viewport] of [
      ['join-rules-phone', PHONE],
      ['join-rules-laptop', undefined],
    ] as const) {
      const page = await harness.open('/', viewport);
      const joins: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/join/')) joins.push(request.url());
      });
      await page.fill('#join-code', 'K0Q X2M');
      await page.fill('#nickname', 'Ada');
      await page.getByRole('button', { name: 'Join' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('six letters and digits, like K7QX2M');
      expect(joins).toEqual([]);
      await screenshot(page, name);
    }
  });

  it('the nickname box holds at most the protocol’s length, and a good code joins', async () => {
    const { code } = (await (await fetch(`${harness.server.httpUrl}/api/tables`, { method: 'POST' })).json()) as {
      code: string;
    };
    const page = await harness.open('/');
    expect(await page.getAttribute('#nickname', 'maxlength')).toBe(String(NICKNAME_MAX_LENGTH));
    await page.fill('#join-code', `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`);
    await page.fill('#nickname', 'Grace');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.waitForURL(new RegExp(`#/table/${code}$`));
    expect(harness.pageErrors).toEqual([]);
  });
});
