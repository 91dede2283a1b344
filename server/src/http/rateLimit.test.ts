import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimit.ts';

describe('RateLimiter', () => {
  it('allows `limit` attempts per window per key, then says when to retry', () => {
    let now = 1_000;
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('10.0.0.1').ok)).toEqual([true, true, true]);
    expect(limiter.take('10.0.0.1')).toEqual({ ok: false, retryAfterMs: 60_000 });
    expect(limiter.take('10.0.0.2').ok).toBe(true);
    now += 59_999;
    expect(limiter.take('10.0.0.1')).toEqual({ ok: false, retryAfterMs: 1 });
    now += 1;
    expect(limiter.take('10.0.0.1').ok).toBe(true);
  });

  it('forgets expired windows, so memory stays bounded', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, windowMs: 10, now: () => now });
    for (let i = 0; i < 1000; i++) limiter.take(`addr-${i}`);
    now = 10;
    limiter.take('fresh');
    expect(limiter.take('addr-1').ok).toBe(true);
  });

  it('checks its arguments', () => {
    expect(() => new RateLimiter({ limit: 0, windowMs: 1 })).toThrow(/limit/);
    expect(() => new RateLimiter({ limit: 1, windowMs: 0 })).toThrow(/windowMs/);
  });
});
