/**
 * The debrief's downloads in a practice round: the capture and the key log are built in the browser from
 * the debrief view, download under the round's name, and (where tshark is installed) open decrypted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, screenshot, startHarness, VIEWPORTS } from './harness.ts';
import { practicePlayer } from './practicePlayer.ts';

const hasTshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;
const PHONE = { width: 390, height: 844 };

let harness: BrowserHarness;
let page: Page;
beforeAll(async () => {
  harness = await startHarness();
  page = await harness.open('/#/practice', VIEWPORTS.laptop);
});
afterAll(() => harness.close());

async function download(name: string): Promise<{ file: string; bytes: Buffer }> {
  const [started] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const file = await started.path();
  return { file: started.suggestedFilename(), bytes: readFileSync(file) };
}

describe('the debrief’s Wireshark downloads', { timeout: 240_000 }, () => {
  it('a practice round with a flipped byte downloads as a capture and a key log', async () => {
    await page
      .locator('.scenario-card[data-scenario="tampered-record"]')
      .getByRole('link', { name: /Play as CA/ })
      .click();
    const player = practicePlayer(page);
    await player.openedTable(/^#\/practice\/tampered-record\/ca$/);
    await player.playRound({});
    const exports = page.locator('.round-exports');
    await exports.scrollIntoViewIfNeeded();
    await screenshot(page, 'debrief-exports-laptop');

    const capture = await download('Open in Wireshark (.pcapng)');
    expect(capture.file).toBe('handshake-02-tampered-record-tls13.pcapng');
    // A pcapng Section Header Block, little-endian.
    expect([...capture.bytes.subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
    expect([...capture.bytes.subarray(8, 12)]).toEqual([0x4d, 0x3c, 0x2b, 0x1a]);

    const keyLog = await download('Key log (.keylog)');
    expect(keyLog.file).toBe('handshake-02-tampered-record-tls13.keylog');
    const lines = keyLog.bytes.toString('utf8').trimEnd().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual([
      'CLIENT_HANDSHAKE_TRAFFIC_SECRET',
      'SERVER_HANDSHAKE_TRAFFIC_SECRET',
      'CLIENT_TRAFFIC_SECRET_0',
      'SERVER_TRAFFIC_SECRET_0',
    ]);
    // The key log is inside the capture too (its Decryption Secrets Block).
    expect(capture.bytes.includes(Buffer.from(lines[0]!))).toBe(true);

    await page.setViewportSize(PHONE);
    await exports.scrollIntoViewIfNeeded();
    await screenshot(page, 'debrief-exports-phone');
    expect(harness.pageErrors).toEqual([]);
  });

  it.runIf(hasTshark)('the downloaded capture opens decrypted: the alert and the comment are there', async () => {
    await page.setViewportSize(VIEWPORTS.laptop);
    const [started] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Open in Wireshark (.pcapng)' }).click(),
    ]);
    const out = execFileSync(
      'tshark',
      ['-n', '-r', await started.path(), '-T', 'fields', '-e', 'frame.comment', '-e', 'tls.alert_message.desc'],
      { encoding: 'utf8' },
    );
    expect(out).toMatch(/flipped a byte/);
    expect(out).toMatch(/\t20\n/);
  });
});
