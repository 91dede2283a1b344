/**
 * The server's limits on guessing, shared by the table and class routes: per address AND per target code,
 * failed lookups of codes and keys (per address, and a ceiling for all addresses together), and teacher
 * password failures (per address and globally, each answered slowly). @module
 */

import type { HttpErrorBody } from '@handshake/shared';
import type { Request, Response } from 'express';
import type { ServerSettings } from '../settings.ts';
import { type RateDecision, RateLimiter } from './rateLimit.ts';

const MINUTE_MS = 60_000;
const ALL = 'all';

export const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

function tooMany(res: Response, decision: RateDecision, code: HttpErrorBody['error']['code'], who: string): false {
  const seconds = Math.max(1, Math.ceil((decision.ok ? 0 : decision.retryAfterMs) / 1000));
  res.setHeader('Retry-After', String(seconds));
  const body: HttpErrorBody = { error: { code, message: `Too many attempts ${who}; try again in ${seconds} s.` } };
  res.status(429).json(body);
  return false;
}

export class AccessLimits {
  readonly #joinsByAddress: RateLimiter;
  readonly #joinsByCode: RateLimiter;
  readonly #failuresByAddress: RateLimiter;
  readonly #failures: RateLimiter;
  readonly #passwordFailuresByAddress: RateLimiter;
  readonly #passwordFailures: RateLimiter;
  readonly #wrongPasswordDelayMs: number;

  constructor(settings: ServerSettings) {
    const perMinute = (limit: number) => new RateLimiter({ limit, windowMs: MINUTE_MS });
    this.#joinsByAddress = perMinute(settings.joinAttemptsPerMinute);
    this.#joinsByCode = perMinute(settings.joinAttemptsPerCodePerMinute);
    this.#failuresByAddress = perMinute(settings.failedLookupsPerMinute);
    this.#failures = perMinute(settings.globalFailedLookupsPerMinute);
    this.#passwordFailuresByAddress = perMinute(settings.passwordFailuresPerMinute);
    this.#passwordFailures = perMinute(settings.globalPasswordFailuresPerMinute);
    this.#wrongPasswordDelayMs = settings.wrongPasswordDelayMs;
  }

  /**
   * Counts a join (or host) attempt at `code` and says whether it may go on; answers 429 when not. An address
   * that failed too often waits; past the global ceiling, so does every address that failed at all lately.
   */
  admitLookup(req: Request, res: Response, code: string): boolean {
    const address = addressOf(req);
    const failures = this.#failuresByAddress.check(address);
    if (!failures.ok) return tooMany(res, failures, 'TOO_MANY_ATTEMPTS', 'with wrong codes from your network');
    const global = this.#failures.check(ALL);
    if (!global.ok && this.#failuresByAddress.hasWindow(address)) {
      return tooMany(res, global, 'TOO_MANY_ATTEMPTS', 'with wrong codes on this server');
    }
    const byAddress = this.#joinsByAddress.take(address);
    if (!byAddress.ok) return tooMany(res, byAddress, 'TOO_MANY_ATTEMPTS', 'from your network');
    const byCode = this.#joinsByCode.take(code);
    if (!byCode.ok) return tooMany(res, byCode, 'TOO_MANY_ATTEMPTS', `at code ${code}`);
    return true;
  }

  /** A code or key that does not exist was asked for. */
  lookupFailed(req: Request): void {
    this.#failuresByAddress.take(addressOf(req));
    this.#failures.take(ALL);
  }

  /** Whether a password attempt may be checked at all; answers 429 when the address or the server is over. */
  admitPassword(req: Request, res: Response): boolean {
    const byAddress = this.#passwordFailuresByAddress.check(addressOf(req));
    if (!byAddress.ok) return tooMany(res, byAddress, 'TOO_MANY_ATTEMPTS', 'with the teacher password');
    const global = this.#passwordFailures.check(ALL);
    if (!global.ok) return tooMany(res, global, 'TOO_MANY_ATTEMPTS', 'with the teacher password on this server');
    return true;
  }

  /** A wrong password: counted, and answered only after a pause, so guessing is slow even within the limit. */
  async passwordFailed(req: Request): Promise<void> {
    this.#passwordFailuresByAddress.take(addressOf(req));
    this.#passwordFailures.take(ALL);
    await new Promise((resolve) => setTimeout(resolve, this.#wrongPasswordDelayMs));
  }
}
