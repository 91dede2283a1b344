import { describe, expect, it } from 'vitest';
import { hostKeyMatches, newHostKey } from './hostKey.ts';

describe('host keys', () => {
  it('are long, random and only match themselves', () => {
    const key = newHostKey();
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newHostKey()).not.toBe(key);
    expect(hostKeyMatches(key, key)).toBe(true);
    expect(hostKeyMatches(key, `${key}x`)).toBe(false);
    expect(hostKeyMatches(key, undefined)).toBe(false);
    expect(hostKeyMatches('', '')).toBe(false);
  });
});
