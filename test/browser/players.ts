/**
 * A well-playing human for the happy path, reading the action panel like a person would: which moves it
 * offers and their choices. `decide` picks; `byMouse` and `byKeyboard` carry the choice out.
 * @module
 */
import type { Page } from 'playwright-core';
import { tabTo } from './harness.ts';

export type SeatRole = 'client' | 'server' | 'ca' | 'eavesdropper';

/** What the action panel offers, as read from the page. */
export interface PanelMove {
  label: string;
  choices: { field: string; kind: 'radio' | 'checkbox'; values: string[] }[];
}

export interface Plan {
  label: string;
  choices: { field: string; kind: 'radio' | 'checkbox'; values: string[] }[];
}

/** The happy path: what each role does, in order of preference, and what it picks. */
const PREFERRED: Record<SeatRole, RegExp[]> = {
  client: [
    /^Go to https:/,
    /^Send ClientHello/,
    /^Derive the session keys/,
    /^Trust the certificate/,
    /^Lock the login/,
  ],
  server: [/^Ask the CA for bank\.example$/, /^Publish the answer/, /^Send ServerHello/, /^Derive/, /^Lock the reply/],
  ca: [/^Challenge /, /^Issue /],
  eavesdropper: [/^Stay away from the CA/, /^Pass on #/],
};

const PICKS: Record<string, Partial<Record<SeatRole, string[]>> & { any?: string[] }> = {
  lockWith: { any: ['session-keys'] },
  pieces: {
    client: ['client-key-share', 'server-key-share'],
    server: ['client-key-share-received', 'server-key-share'],
  },
  certificateId: { any: ['server-certificate'] },
  cipherSuites: { any: ['TLS_AES_128_GCM_SHA256'] },
  cipherSuite: { any: ['TLS_AES_128_GCM_SHA256'] },
};

export async function readPanel(page: Page): Promise<{ version: number; moves: PanelMove[] }> {
  return page.evaluate(() => {
    const panel = document.querySelector<HTMLElement>('.actions');
    const moves = [...document.querySelectorAll('.moves > li')].map((li) => ({
      label: li.querySelector('.move-button')?.textContent ?? '',
      choices: [...li.querySelectorAll('fieldset')].map((fieldset) => {
        const inputs = [...fieldset.querySelectorAll('input')];
        return {
          field: (inputs[0]?.name ?? '').split('|')[1] ?? '',
          kind: (inputs[0]?.type ?? 'radio') as 'radio' | 'checkbox',
          values: inputs.map((i) => i.value),
        };
      }),
    }));
    return { version: Number(panel?.dataset.version ?? -1), moves };
  });
}

export function decide(role: SeatRole, moves: PanelMove[]): Plan | null {
  for (const pattern of PREFERRED[role]) {
    const move = moves.find((m) => pattern.test(m.label));
    if (!move) continue;
    const choices = move.choices.map((c) => {
      const wanted = PICKS[c.field]?.[role] ?? PICKS[c.field]?.any ?? [];
      const values = wanted.filter((v) => c.values.includes(v));
      if (values.length === 0)
        throw new Error(`the ${role} does not know what to pick for ${c.field} among ${c.values}`);
      return { ...c, values };
    });
    return { label: move.label, choices };
  }
  return null;
}

const inputSelector = (field: string, value: string) => `.moves input[name$="|${field}"][value="${value}"]`;

/** Clicks the options' labels and the move's button. */
export async function byMouse(page: Page, plan: Plan): Promise<void> {
  for (const choice of plan.choices) {
    for (const value of choice.values) {
      const input = page.locator(inputSelector(choice.field, value));
      const own = page.locator(`input[name$="|${choice.field}"][value="${value}"]`);
      if (!(await input.isChecked())) await page.locator('.moves .option', { has: own }).click();
    }
  }
  await page.locator('.move-button', { hasText: plan.label }).first().click();
}

/** Tabs to each option (arrows within a radio group), ticks it with Space, then tabs to the button and presses Enter. */
export async function byKeyboard(page: Page, plan: Plan, beforeSend?: () => Promise<void>): Promise<void> {
  for (const choice of plan.choices) {
    for (const value of choice.values) {
      const selector = inputSelector(choice.field, value);
      if (await page.locator(selector).isChecked()) continue;
      await tabToSelector(page, `.moves input[name$="|${choice.field}"]`);
      if (choice.kind === 'radio') {
        for (let i = 0; i < 10 && !(await isFocused(page, selector)); i++) await page.keyboard.press('ArrowDown');
      } else {
        await tabToSelector(page, selector);
        await page.keyboard.press('Space');
      }
      if (!(await page.locator(selector).isChecked())) throw new Error(`keyboard could not choose ${value}`);
    }
  }
  await tabTo(page, plan.label);
  await beforeSend?.();
  await page.keyboard.press('Enter');
}

const isFocused = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

async function tabToSelector(page: Page, selector: string, maxTabs = 80): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    if (await isFocused(page, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`no focusable ${selector} within ${maxTabs} tabs`);
}

/**
 * Plays every page's moves until each shows the debrief. `act` carries a plan out; `onStep` sees each page
 * before it acts (for screenshots mid-handshake).
 */
export async function playToDebrief(
  pages: { page: Page; role: SeatRole }[],
  act: (page: Page, plan: Plan) => Promise<void>,
  onStep: (page: Page, role: SeatRole, plan: Plan) => Promise<void> = async () => {},
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const done = async () => {
    for (const { page } of pages)
      if ((await page.locator('.table-screen').getAttribute('data-stage')) !== 'debrief') return false;
    return true;
  };
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`the round did not reach the debrief in time: ${await describe(pages)}`);
    // Everyone looks at their panel at once; whoever has a move makes it (as people at a table would).
    const turns = await Promise.all(
      pages.map(async ({ page, role }) => {
        const panel = await readPanel(page);
        return { page, role, panel, plan: decide(role, panel.moves) };
      }),
    );
    const movers = turns.filter((t) => t.plan !== null);
    if (movers.length === 0) {
      await pages[0]!.page.waitForTimeout(50);
      continue;
    }
    for (const { page, role, panel, plan } of movers) {
      if (process.env.PLAY_DEBUG) console.log(new Date().toISOString().slice(14, 23), role, plan!.label);
      await onStep(page, role, plan!);
      await act(page, plan!);
      await page
        .waitForFunction(
          (v) => {
            const version = Number(document.querySelector<HTMLElement>('.actions')?.dataset.version ?? -2);
            const refused = document.querySelector('.actions .error');
            if (refused) throw new Error(`refused: ${refused.textContent}`);
            return version !== v;
          },
          panel.version,
          { timeout: 15_000 },
        )
        .catch(async (error: Error) => {
          throw new Error(
            `after "${plan!.label}" the ${role}'s page did not move on (${error.message}): ${await describe(pages)}`,
          );
        });
    }
  }
}

/** Each page's stage and offered moves, for a failure message. */
async function describe(pages: { page: Page; role: SeatRole }[]): Promise<string> {
  const parts = await Promise.all(
    pages.map(async ({ page, role }) => {
      const stage = await page.locator('.table-screen').getAttribute('data-stage');
      const panel = await readPanel(page);
      const text = await page
        .locator('.actions')
        .textContent()
        .catch(() => '');
      return `${role} [${stage} v${panel.version}] ${panel.moves.map((m) => m.label).join(' | ') || text?.slice(0, 200)}`;
    }),
  );
  return parts.join('; ');
}
