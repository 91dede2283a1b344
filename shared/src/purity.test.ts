/** shared/ is pure and deterministic: no clock and no unseeded randomness in its sources (tests aside). @module */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('.', import.meta.url).pathname;

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts') || entry.name === 'testFixtures.ts') return [];
    return [{ path: relative(SRC, path), text: readFileSync(path, 'utf8') }];
  });
}

/**
 * What would make a result depend on when or where it ran: the clock (Date.now, a Date of "now", performance)
 * and randomness not drawn from the seed (Math.random). `new Date(seconds * 1000)` only formats a given time.
 */
const IMPURE = [/\bDate\.now\b/, /\bnew Date\(\s*\)/, /(?<![\w.])Date\(\s*\)/, /\bperformance\b/, /\bMath\.random\b/];

function impureLines(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return code.split('\n').filter((line) => IMPURE.some((re) => re.test(line)));
}

describe('shared/ reads no clock and draws no unseeded randomness', () => {
  it('finds a clock read or Math.random when there is one (the scan can fail)', () => {
    expect(impureLines('const t = Date.now();')).toHaveLength(1);
    expect(impureLines('const d = new Date();')).toHaveLength(1);
    expect(impureLines('const r = Math.random();')).toHaveLength(1);
    expect(impureLines('const t = performance.now();')).toHaveLength(1);
    expect(impureLines('const s = new Date(seconds * 1000).toISOString();')).toEqual([]);
    expect(impureLines('// Date.now() would break replays')).toEqual([]);
  });

  it('no source file outside the tests has one', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => impureLines(f.text).map((line) => `${f.path}: ${line.trim()}`))).toEqual([]);
  });
});
