import { describe, expect, it } from 'vitest';
import { describeInput } from './describeInput.ts';

describe('describeInput', () => {
  it('never throws on what an attacker can send, and keeps sentences short', () => {
    const hostile = [{ toString: 1 }, { toString: () => ({}) }, Object.create(null), [1, 2], { valueOf: null }];
    for (const value of hostile) expect(describeInput(value)).toBe('that');
    expect(describeInput('x'.repeat(100))).toHaveLength(41);
    expect(describeInput(3)).toBe('3');
    expect(describeInput(undefined)).toBe('undefined');
  });
});
