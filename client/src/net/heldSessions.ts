/**
 * Sessions handed from the page that opened them (home, a join link) to the table page, and the
 * reconnection tokens that let a reload come back to the same seat.
 * @module
 */
import type { TableSession } from '../table/session.ts';

const live = new Map<string, TableSession>();
const TOKEN_PREFIX = 'handshake.reconnect.';

export function holdSession(code: string, session: TableSession): void {
  live.set(code, session);
}

/** The session opened for this code, if this page opened one (taken once: the table page owns it after). */
export function takeSession(code: string): TableSession | undefined {
  const session = live.get(code);
  live.delete(code);
  return session;
}

export function rememberReconnection(code: string, token: string, nickname: string): void {
  sessionStorage.setItem(TOKEN_PREFIX + code, JSON.stringify({ token, nickname }));
}

export function savedReconnection(code: string): { token: string; nickname: string } | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(TOKEN_PREFIX + code) ?? 'null') as {
      token?: unknown;
      nickname?: unknown;
    } | null;
    if (typeof saved?.token === 'string' && typeof saved.nickname === 'string') {
      return { token: saved.token, nickname: saved.nickname };
    }
  } catch {
    // A damaged entry is as good as none.
  }
  return null;
}

export function forgetReconnection(code: string): void {
  sessionStorage.removeItem(TOKEN_PREFIX + code);
}
