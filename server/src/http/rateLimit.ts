/** A fixed-window counter per key (an address): at most `limit` attempts per `windowMs`. @module */

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  /** The clock, in milliseconds; injectable for tests. */
  now?: () => number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, { startedAt: number; count: number }>();

  constructor({ limit, windowMs, now = Date.now }: RateLimitOptions) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Counts one attempt by `key` and says whether it is allowed. */
  take(key: string): RateDecision {
    const now = this.#now();
    this.#forgetExpired(now);
    let window = this.#windows.get(key);
    if (!window) {
      window = { startedAt: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count++;
    if (window.count <= this.#limit) return { ok: true };
    return { ok: false, retryAfterMs: window.startedAt + this.#windowMs - now };
  }

  /** Whether `key` is over its budget now, without counting an attempt. */
  check(key: string): RateDecision {
    const now = this.#now();
    const window = this.#windows.get(key);
    if (!window || now - window.startedAt >= this.#windowMs || window.count < this.#limit) return { ok: true };
    return { ok: false, retryAfterMs: window.startedAt + this.#windowMs - now };
  }

  /** Whether `key` made an attempt within the current window. */
  hasWindow(key: string): boolean {
    const window = this.#windows.get(key);
    return window !== undefined && this.#now() - window.startedAt < this.#windowMs;
  }

  /** Windows are inserted in time order, so expired ones sit at the front of the map. */
  #forgetExpired(now: number): void {
    for (const [key, window] of this.#windows) {
      if (now - window.startedAt < this.#windowMs) break;
      this.#windows.delete(key);
    }
  }
}
