/**
 * What "fits the screen" means, measured in the page: no horizontal scrolling, no element cut off at the
 * sides, no text under 12 px, move buttons that a finger reaches; the board's canvas texts (as the board
 * publishes them) big enough and at 4.5:1; and axe-core's accessibility rules.
 * @module
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');

/** Problems with how the page fits its window, as sentences (empty when it fits). */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1)
      problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${width} px`);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const hidden = (el: Element) => {
      for (let at: Element | null = el; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (style.display === 'none' || style.visibility === 'hidden') return true;
        if (at.classList.contains('sr-only') || at.classList.contains('skip-link')) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || hidden(el)) continue;
      if (rect.left < -1 || rect.right > width + 1)
        problems.push(`${name(el)} is cut off (${Math.round(rect.left)}–${Math.round(rect.right)} of ${width})`);
      const style = getComputedStyle(el);
      if (['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${name(el)} hides ${el.scrollWidth - el.clientWidth} px of its content sideways`);
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      const size = Number.parseFloat(style.fontSize);
      if (ownText && size < 12) problems.push(`${name(el)} has ${size} px text`);
    }
    return problems.slice(0, 20);
  });
}

/** Every offered move button: big enough for a finger, and the thing a tap at its centre lands on. */
export async function unreachableMoves(page: Page): Promise<string[]> {
  const buttons = page.locator('.move-button');
  const problems: string[] = [];
  for (let i = 0; i < (await buttons.count()); i++) {
    const button = buttons.nth(i);
    await button.scrollIntoViewIfNeeded();
    const problem = await button.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      if (rect.height < 44 || rect.width < 44)
        return `${el.textContent} is ${Math.round(rect.width)}×${Math.round(rect.height)} px`;
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return hit && (hit === el || el.contains(hit)) ? null : `a tap on ${el.textContent} lands on ${hit?.tagName}`;
    });
    if (problem) problems.push(problem);
  }
  return problems;
}

export interface PublishedLabel {
  text: string;
  fontPx: number;
  shownPx: number;
  colour: string;
  ground: string;
}

/** The texts the board says it shows now (it publishes them once it has settled after a change). */
export async function boardLabels(page: Page): Promise<PublishedLabel[]> {
  const host = page.locator('.board-host[data-labels]');
  await host.waitFor({ timeout: 20_000 });
  return JSON.parse((await host.getAttribute('data-labels')) ?? '[]') as PublishedLabel[];
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
    const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(bl!);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Canvas texts that are too small to read or too faint on their ground. */
export function labelProblems(labels: PublishedLabel[]): string[] {
  const problems: string[] = [];
  for (const label of labels) {
    const ratio = contrastRatio(label.colour, label.ground);
    if (ratio < 4.5) problems.push(`"${label.text}" is ${ratio.toFixed(2)}:1 on ${label.ground}`);
    if (label.shownPx < 12) problems.push(`"${label.text}" shows at ${label.shownPx} px`);
  }
  return problems;
}

/** axe-core's violations on the page as it is now, one line each (rule, impact, first element). */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE_PATH });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResults> } })
      .axe;
    // The canvas is one image with a text alternative; its pixels are checked by labelProblems instead.
    const results = await axe.run({ exclude: [['canvas']] }, { resultTypes: ['violations'] });
    return results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`,
    );
    interface AxeResults {
      violations: {
        id: string;
        impact: string;
        help: string;
        nodes: { target: string[]; failureSummary?: string }[];
      }[];
    }
  });
}
