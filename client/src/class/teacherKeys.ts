/**
 * The teacher's secrets in this browser: the host key (localStorage: it controls every session this
 * browser created and lists them), the live session it is running, and the teacher password for this tab.
 * @module
 */
const HOST_KEY = 'handshake.hostKey';
const LIVE_CLASS = 'handshake.liveClass';
const PASSWORD = 'handshake.teacherPassword';

export function savedHostKey(): string | null {
  return localStorage.getItem(HOST_KEY);
}

export function saveHostKey(key: string): void {
  localStorage.setItem(HOST_KEY, key);
}

/** The class session this browser is hosting now, so a reload (or the projector) finds it again. */
export function liveClass(): { code: string; sessionId: string } | null {
  try {
    const saved = JSON.parse(localStorage.getItem(LIVE_CLASS) ?? 'null') as { code?: unknown; sessionId?: unknown };
    if (typeof saved?.code === 'string' && typeof saved.sessionId === 'string') {
      return { code: saved.code, sessionId: saved.sessionId };
    }
  } catch {
    // A damaged entry is as good as none.
  }
  return null;
}

export function saveLiveClass(live: { code: string; sessionId: string } | null): void {
  if (live) localStorage.setItem(LIVE_CLASS, JSON.stringify(live));
  else localStorage.removeItem(LIVE_CLASS);
}

/** Kept for this tab only: a shared classroom computer should not remember it. */
export function savedTeacherPassword(): string {
  return sessionStorage.getItem(PASSWORD) ?? '';
}

export function saveTeacherPassword(password: string): void {
  if (password) sessionStorage.setItem(PASSWORD, password);
  else sessionStorage.removeItem(PASSWORD);
}
