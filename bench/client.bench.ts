/**
 * The browser client: the built JavaScript's size (raw and gzip), and frames per second in Chromium while a
 * practice round animates (the student is the CA; the engine's bots play the other seats in the browser), with
 * and without 4× CPU throttling (Chrome DevTools Protocol `Emulation.setCPUThrottlingRate`).
 * Needs `client/dist` (`pnpm --filter @handshake/client build`). Run: `pnpm bench:client`. @module
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';

const DIST = join(import.meta.dirname, '../client/dist');
const PORT = 39_190;
const SCENARIO = 'happy-path';
/** How long frames are counted once the round is under way. */
const MEASURE_MS = 12_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function bundleSizes(): { file: string; raw: number; gzip: number }[] {
  const assets = join(DIST, 'assets');
  return readdirSync(assets)
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => {
      const bytes = readFileSync(join(assets, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
    });
}

/** The game server serving client/dist (practice itself needs no server beyond the static files). */
async function startStaticServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'capacity/serverProcess.ts', 'table', String(PORT)], {
    cwd: import.meta.dirname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
  });
  return child;
}

/** Counts animation frames from page start; read out per window. */
const FRAME_COUNTER = `window.__frames = []; const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); }; requestAnimationFrame(tick);`;

/** Plays the CA's two steps whenever the action panel offers them; the bots do the rest. */
async function playCa(page: Page, until: number): Promise<void> {
  while (Date.now() < until) {
    const button = page.locator('.move-button', { hasText: /^(Challenge|Issue) / }).first();
    if (await button.isVisible().catch(() => false)) await button.click().catch(() => {});
    await page.waitForTimeout(250);
  }
}

interface FrameFigures {
  fps: number;
  p50: number;
  p95: number;
  /** Share of frame intervals over 50 ms (a visible stutter). */
  longShare: number;
  frames: number;
}

async function measureRound(throttle: number): Promise<FrameFigures & { stages: string }> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.addInitScript(FRAME_COUNTER);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await page.goto(`http://127.0.0.1:${PORT}/#/practice/${SCENARIO}/ca`);
    await page.locator('.move-button').first().waitFor({ timeout: 60_000 });
    const started = await page.evaluate(() => performance.now());
    await playCa(page, Date.now() + MEASURE_MS);
    const frames = await page.evaluate(
      (from) => (window as unknown as { __frames: number[] }).__frames.filter((t) => t >= from),
      started,
    );
    const stages = await page
      .locator('.actions .phase-line')
      .first()
      .textContent()
      .catch(() => '');
    const intervals = frames
      .slice(1)
      .map((t, i) => t - frames[i]!)
      .sort((a, b) => a - b);
    const at = (p: number) => intervals[Math.min(intervals.length - 1, Math.floor(p * intervals.length))] ?? Number.NaN;
    const seconds = (frames.at(-1)! - frames[0]!) / 1000;
    return {
      fps: (frames.length - 1) / seconds,
      p50: at(0.5),
      p95: at(0.95),
      longShare: intervals.filter((d) => d > 50).length / intervals.length,
      frames: frames.length,
      stages: stages ?? '',
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  console.log('Handshake client benchmark');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log('command:  pnpm bench:client   (after pnpm --filter @handshake/client build)');
  console.log(
    `machine:  ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, load avg ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`browser:  /usr/bin/chromium headless, --disable-gpu (WebGL in software), 1366×768`);
  console.log('');
  let total = { raw: 0, gzip: 0 };
  for (const { file, raw, gzip } of bundleSizes()) {
    console.log(
      `${file.padEnd(32)} ${(raw / 1024).toFixed(1).padStart(8)} KiB raw ${(gzip / 1024).toFixed(1).padStart(8)} KiB gzip`,
    );
    if (file.endsWith('.js')) total = { raw: total.raw + raw, gzip: total.gzip + gzip };
  }
  console.log(
    `${'all JavaScript'.padEnd(32)} ${(total.raw / 1024).toFixed(1).padStart(8)} KiB raw ${(total.gzip / 1024).toFixed(1).padStart(8)} KiB gzip`,
  );
  console.log('');

  const server = await startStaticServer();
  try {
    console.log(
      `practice round (${SCENARIO}, the student is the CA, bots in the other seats), ${MEASURE_MS / 1000} s from the first move:`,
    );
    for (const throttle of [1, 4]) {
      const r = await measureRound(throttle);
      console.log(
        `  CPU ${throttle}×: ${r.fps.toFixed(1)} fps (${r.frames} frames), frame interval p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ` +
          `${(r.longShare * 100).toFixed(1)} % of frames over 50 ms; at the end: ${r.stages.trim()}`,
      );
    }
  } finally {
    server.kill('SIGINT');
  }
  console.log('');
  console.log(
    'fps: requestAnimationFrame callbacks per second in the page (what the player sees; 60 is the display rate).',
  );
}

await main();
