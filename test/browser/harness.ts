/**
 * The browser-test harness: a real game server (the app config, on an ephemeral port) serving the built
 * client, Debian's Chromium driven by playwright-core, and helpers to open pages and keep screenshots.
 * @module
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerSettingsOverrides } from '@handshake/server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startServer, type TestServer } from '../room/helpers.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** Screenshots land here (gitignored); look at them. */
export const OUTPUT_DIR = join(here, 'output');
/** The built client to serve; CLIENT_DIST points elsewhere (e.g. a private build while others rebuild client/dist). */
const CLIENT_DIST = process.env.CLIENT_DIST ?? join(here, '../../client/dist');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  tabletPortrait: { width: 768, height: 1024 },
  tablet: { width: 1024, height: 768 },
  laptop: { width: 1366, height: 768 },
  projector: { width: 1920, height: 1080 },
  smallProjector: { width: 1280, height: 720 },
} as const;

/** A phone as Playwright emulates one: touch events, a mobile viewport. */
export const PHONE = { hasTouch: true, isMobile: true } as const;

export interface BrowserHarness {
  server: TestServer;
  browser: Browser;
  /**
   * Opens the app at `path` (e.g. `/#/`, `/?code=ABC123`) in a fresh context (its own storage, like another
   * pupil's laptop); `device` adds e.g. `{ hasTouch: true, isMobile: true }` for a phone.
   */
  open: (
    path?: string,
    viewport?: { width: number; height: number },
    device?: { hasTouch?: boolean; isMobile?: boolean },
  ) => Promise<Page>;
  /** Errors the pages logged or threw: a test expects none. */
  pageErrors: string[];
  close: () => Promise<void>;
}

/** Starts a server (fast bots unless overridden) serving client/dist, and Chromium. */
export async function startHarness(overrides: ServerSettingsOverrides = {}): Promise<BrowserHarness> {
  const server = await startServer({ clientDistDir: CLIENT_DIST, ...overrides });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  return {
    server,
    browser,
    pageErrors,
    async open(path = '/', viewport = VIEWPORTS.laptop, device = {}) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce', ...device });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          pageErrors.push(message.text());
      });
      await page.goto(`${server.httpUrl}${path}`);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await server.close();
    },
  };
}

/** Saves a screenshot of the window (or the whole scrolled page) as test/browser/output/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}

/**
 * Presses Tab until the focused element matches `accessibleText` (its text or aria-label), then returns.
 * Proves the control is reachable by keyboard; fails after `maxTabs`.
 */
export async function tabTo(page: Page, accessibleText: string | RegExp, maxTabs = 80): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.getAttribute('aria-label') ?? '';
      const own = el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? el.value) : el.textContent;
      return `${label} ${own ?? ''}`.trim();
    });
    if (typeof accessibleText === 'string' ? text.includes(accessibleText) : accessibleText.test(text)) return;
  }
  throw new Error(`no focusable control matching ${String(accessibleText)} within ${maxTabs} tabs`);
}
