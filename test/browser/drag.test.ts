import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUTS, pocketSlot, targetSlot } from '../../client/src/board/layout.ts';
import { type BrowserHarness, screenshot, startHarness } from './harness.ts';
import { byMouse, type Plan, playToDebrief } from './players.ts';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness({ table: { botMoveDelayMs: 50 } });
});
afterAll(() => harness.close());

/** The laptop's board is the wide one (960×540). */
const WIDE = LAYOUTS.wide;

/** Page coordinates of a point on the board's stage. */
async function onBoard(page: Page, point: { x: number; y: number }) {
  const box = (await page.locator('.board-host canvas').boundingBox())!;
  const scale = box.width / WIDE.stage.width;
  return { x: box.x + point.x * scale, y: box.y + point.y * scale };
}

/** Drags each chosen item from the pocket on the canvas onto the move's slot; the HTML panel must show the same choice. */
async function byDragging(page: Page, plan: Plan): Promise<void> {
  const itemChoices = plan.choices.filter((c) => c.field === 'pieces' || c.field === 'lockWith');
  if (itemChoices.length === 0) return byMouse(page, plan);
  const pocket = await page
    .locator('.pocket .item')
    .evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).dataset.focus!.slice('item:'.length)));
  await page.locator('.board-host[data-layout="wide"] canvas').waitFor();
  for (const choice of itemChoices) {
    for (const value of choice.values) {
      const from = await onBoard(page, pocketSlot(WIDE, pocket.indexOf(value), pocket.length, true));
      const to = await onBoard(page, targetSlot(WIDE, 0));
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + 20, from.y - 10, { steps: 4 });
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
      await expect
        .poll(() => page.locator(`.moves input[name$="|${choice.field}"][value="${value}"]`).isChecked())
        .toBe(true);
    }
  }
  await screenshot(page, `dragged-${itemChoices[0]!.field}`);
  await page.locator('.move-button', { hasText: plan.label }).first().click();
}

describe('the board', () => {
  it('takes the key pieces and the lock by dragging items onto its slots', async () => {
    const page = await harness.open('/');
    await page.fill('#nickname', 'Dana');
    await page.getByRole('button', { name: 'Create a table' }).click();
    await page.waitForURL(/#\/table\/[A-Z0-9]{6}$/);
    await page.getByRole('button', { name: 'Start the round' }).click();
    await playToDebrief([{ page, role: 'client' }], byDragging);
    expect(await page.locator('.outcome').textContent()).toContain('The secure session was completed.');
    expect(harness.pageErrors).toEqual([]);
  }, 120_000);
});
