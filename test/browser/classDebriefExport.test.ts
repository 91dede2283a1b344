/**
 * The teacher's dashboard offers each finished table's round as the same downloads as the debrief: a
 * Wireshark capture and a key log, built in the teacher's browser from the table's debrief.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinClass, playTables, tempDatabasePath } from '../room/classHelpers.ts';
import { until } from '../room/helpers.ts';
import { type BrowserHarness, screenshot, startHarness } from './harness.ts';

const PHONE = { width: 390, height: 844 };

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startHarness({
    table: { botMoveDelayMs: 0 },
    classes: { databasePath: tempDatabasePath(), minStepSeconds: 0.01 },
  });
});
afterAll(() => harness.close());

describe('a finished class table, out of the game', { timeout: 180_000 }, () => {
  it('the host downloads the table’s round as .pcapng and .keylog from the dashboard', async () => {
    const host = await harness.open('/#/host');
    await host.getByRole('button', { name: 'Create a class session' }).click();
    await expect.poll(() => host.locator('h1').textContent()).toMatch(/^Class [A-Z0-9]{6}$/);
    const code = ((await host.locator('h1').textContent()) ?? '').slice('Class '.length);
    await host.fill('#set-rounds', '1');
    await host.locator('#set-nolimit').check();
    await host.getByRole('button', { name: 'Save settings' }).click();
    // One student (over her own socket, as a browser would); bots take the other seats.
    const student = await joinClass(harness.server.httpUrl, code, { nickname: 'Ada' });
    await expect.poll(() => host.locator('.roster').textContent()).toContain('Ada');
    await host.getByRole('button', { name: 'Start the competition' }).click();
    const table = await student.sitDown();
    const tableCode = table.room.roomId;
    const buttons = host.locator('.class-table[data-table="1"] .export-buttons button');
    expect(await buttons.count()).toBe(0);
    await playTables(harness.server, [{ code: tableCode, players: [table] }]);
    await until(() => student.state.status === 'finished', 'the class to finish its round', 20_000);
    await expect.poll(() => buttons.count()).toBe(2);

    const [capture] = await Promise.all([
      host.waitForEvent('download'),
      host.getByRole('button', { name: 'Table 1: open the round in Wireshark (.pcapng)' }).click(),
    ]);
    expect(capture.suggestedFilename()).toMatch(/^handshake-\d\d-[a-z-]+-(tls13|tls12-rsa)\.pcapng$/);
    const bytes = readFileSync(await capture.path());
    expect([...bytes.subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
    const [keyLog] = await Promise.all([
      host.waitForEvent('download'),
      host.getByRole('button', { name: 'Table 1: the round’s key log (.keylog)' }).click(),
    ]);
    expect(keyLog.suggestedFilename()).toMatch(/\.keylog$/);
    const lines = readFileSync(await keyLog.path(), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(bytes.includes(Buffer.from(line))).toBe(true);

    await host.locator('.tables-panel').scrollIntoViewIfNeeded();
    await screenshot(host, 'class-host-table-exports');
    await host.setViewportSize(PHONE);
    await host.locator('.tables-panel').scrollIntoViewIfNeeded();
    await screenshot(host, 'class-host-table-exports-phone');
    expect(harness.pageErrors).toEqual([]);
  });
});
