/** No rule reads a label: the rules branch on an envelope's kind and locks, and its words are derived for display. @module */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envelopeLabel, LOCKS, lockLabel, MESSAGE_KINDS } from './envelopes.ts';

const RULES_DIR = new URL('.', import.meta.url).pathname;

function ruleSources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ruleSources(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return [{ path: relative(RULES_DIR, path), text: readFileSync(path, 'utf8') }];
  });
}

/** The words shown for every kind (parameters left out) and every lock. */
const DISPLAY_WORDS = [
  ...MESSAGE_KINDS.flatMap((kind) => envelopeLabel({ kind, about: '\u0000', interference: null }).split('\u0000')),
  ...LOCKS.map((lock) => lockLabel(lock)!),
].filter((words) => words.trim().length >= 4);

const COMPARISONS = [
  /\blabel\s*[!=]==/,
  /[!=]==\s*[\w.?]*\blabel\b/,
  /\blabel\??\.(startsWith|endsWith|includes|match|indexOf|search)\(/,
  /(envelopeLabel|lockLabel)\([^)]*\)\s*(?:[!=]==|\??\.(?:startsWith|endsWith|includes|match))/,
];

/** A string literal something is compared with, or searched for. */
const COMPARED_LITERAL = /(?:[!=]==|startsWith\(|endsWith\(|includes\(|indexOf\()\s*(['"`])(.*?)\1/g;

/** Typed values (kinds, locks, ids) are lowercase-and-dashes; display words are not. */
const isWords = (literal: string) => literal.length >= 4 && !/^[a-z0-9-]+$/.test(literal);

/** Every place in `text` where a rule compares display text: a label, or a literal that is part of one. */
function labelReads(text: string): string[] {
  const found: string[] = [];
  for (const [n, line] of text.split('\n').entries()) {
    const comparesLabel = COMPARISONS.some((re) => re.test(line));
    const comparesWords = [...line.matchAll(COMPARED_LITERAL)].some(
      ([, , literal]) => isWords(literal!) && DISPLAY_WORDS.some((words) => words.includes(literal!)),
    );
    if (comparesLabel || comparesWords) found.push(`${n + 1}: ${line.trim()}`);
  }
  return found;
}

describe('no rule reads a label', () => {
  it('finds a label comparison when there is one (the scan can fail)', () => {
    expect(labelReads(`if (envelope.label === 'ClientHello') go();`)).toHaveLength(1);
    expect(labelReads(`if (kindOf(e) === 'ClientHello') go();`)).toHaveLength(1);
    expect(labelReads(`if (page?.label.startsWith('HTTP 301')) go();`)).toHaveLength(1);
    expect(labelReads(`if (e.locks.includes('application keys')) open();`)).toHaveLength(1);
    expect(labelReads(`if (envelopeLabel(e) === x) go();`)).toHaveLength(1);
    expect(labelReads(`if (envelope.kind === 'client-hello') go();`)).toEqual([]);
  });

  it('no rules source outside envelopes.ts compares a label or quotes a display word', () => {
    const sources = ruleSources(RULES_DIR).filter((s) => s.path !== 'envelopes.ts');
    expect(sources.length).toBeGreaterThan(20);
    const reads = sources.flatMap((s) => labelReads(s.text).map((r) => `${s.path}:${r}`));
    expect(reads).toEqual([]);
  });
});
