/** Plays a practice table in the browser as a student would: hints, the action panel and "Next", by clicking. @module */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface AdvisedMove {
  label: string;
  move: Record<string, unknown> & { type: string };
}

/**
 * Real mouse clicks, without waiting for the element to sit still for two animation frames: the Phaser board
 * beside the panel keeps frames slow in headless Chromium, and the loop below waits for each step itself.
 */
const FAST = { force: true } as const;

export function practicePlayer(page: Page) {
  const toolbar = () => page.locator('.practice-toolbar');
  const version = () => toolbar().getAttribute('data-version');

  /** Makes a move through the action panel as a student would: ticks its choices, presses its button. */
  async function clickMove({ label, move }: AdvisedMove): Promise<void> {
    const panel = page.locator('.panel.actions');
    const form = panel.locator(`form[aria-label="${label}"]`);
    if ((await form.count()) === 0) {
      await panel.getByRole('button', { name: label, exact: true }).click(FAST);
      return;
    }
    for (const [field, value] of Object.entries(move)) {
      if (field === 'type') continue;
      const inputs = form.locator(`input[name$="|${field}"]`);
      const wanted = (Array.isArray(value) ? value : [value]).map(String);
      for (let i = 0; i < (await inputs.count()); i++) {
        const input = inputs.nth(i);
        const want = wanted.includes((await input.getAttribute('value')) ?? '');
        if (want !== (await input.isChecked())) await input.setChecked(want, FAST);
      }
    }
    await form.getByRole('button', { name: label, exact: true }).click(FAST);
  }

  /** Waits for the table to move past `before` (a step was played). */
  async function stepDone(before: string | null): Promise<void> {
    await page.waitForFunction(
      (v) => document.querySelector('.practice-toolbar')?.getAttribute('data-version') !== v,
      before,
      { timeout: 30_000 },
    );
  }

  async function openedTable(path: RegExp): Promise<void> {
    await expect.poll(() => new URL(page.url()).hash).toMatch(path);
    await page.locator('.practice-toolbar[data-version]').waitFor({ timeout: 30_000 });
  }

  /**
   * Plays the student's seat to the debrief by clicking, with the bots at step pace ("Next" each time).
   * With `advice`, asks for both hints at every step and follows the action; otherwise plays `known` moves in order.
   * Returns the moves played and the stars the round earned.
   */
  async function playRound(options: { known?: AdvisedMove[]; onHint?: (hint: AdvisedMove) => Promise<void> }) {
    await page.getByLabel('Bots wait for Next').check();
    const played: AdvisedMove[] = [];
    for (let i = 0; i < 80; i++) {
      if ((await page.locator('[data-testid="practice-result"]').count()) > 0) break;
      const before = await version();
      if ((await page.locator('#actions-title').textContent()) === 'Your move') {
        let advised: AdvisedMove;
        if (options.known) {
          advised = options.known[played.length]!;
        } else {
          await page.getByRole('button', { name: 'Hint: the idea' }).click(FAST);
          await page.locator('.hint-text[data-level="1"]').waitFor();
          await page.getByRole('button', { name: 'Hint: what to do' }).click(FAST);
          const hint = page.locator('.hint-text[data-level="2"]');
          await hint.waitFor();
          advised = {
            label: (await hint.getAttribute('data-label'))!,
            move: JSON.parse((await hint.getAttribute('data-move'))!),
          };
          await options.onHint?.(advised);
        }
        await clickMove(advised);
        played.push(advised);
        await stepDone(before);
      } else if (await page.locator('.next-button').isEnabled()) {
        await page.locator('.next-button').click(FAST);
        await stepDone(before);
      } else {
        await page.waitForTimeout(50);
      }
    }
    const result = page.locator('[data-testid="practice-result"]');
    await expect.poll(() => result.getAttribute('data-stars'), { timeout: 30_000 }).toMatch(/^[0-3]$/);
    return { played, stars: Number(await result.getAttribute('data-stars')) };
  }

  return { openedTable, playRound };
}
