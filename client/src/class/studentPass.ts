/**
 * A student's place in a class, kept in this tab (sessionStorage) so a reload comes back as the same
 * student, and the class connection handed from the page that joined (home) to the class page.
 * @module
 */
import type { Room } from '@colyseus/sdk';
import type { PublicClassState } from '@handshake/shared';

export type ClassRoom = Room<unknown, PublicClassState>;

/** What the server handed this student on joining: their id, their secret key, the nickname it kept. */
export interface StudentPass {
  studentId: string;
  studentKey: string;
  nickname: string;
}

const PASS_PREFIX = 'handshake.class.';

export function saveStudentPass(code: string, pass: StudentPass): void {
  sessionStorage.setItem(PASS_PREFIX + code, JSON.stringify(pass));
}

export function savedStudentPass(code: string): StudentPass | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(PASS_PREFIX + code) ?? 'null') as Partial<StudentPass> | null;
    if (
      typeof saved?.studentId === 'string' &&
      typeof saved.studentKey === 'string' &&
      typeof saved.nickname === 'string'
    ) {
      return { studentId: saved.studentId, studentKey: saved.studentKey, nickname: saved.nickname };
    }
  } catch {
    // A damaged entry is as good as none.
  }
  return null;
}

export function forgetStudentPass(code: string): void {
  sessionStorage.removeItem(PASS_PREFIX + code);
}

const held = new Map<string, { room: ClassRoom; pass: StudentPass }>();

export function holdClassRoom(code: string, room: ClassRoom, pass: StudentPass): void {
  held.set(code, { room, pass });
}

/** The class connection the home page opened for this code, taken once (the class page owns it after). */
export function takeClassRoom(code: string): { room: ClassRoom; pass: StudentPass } | undefined {
  const entry = held.get(code);
  held.delete(code);
  return entry;
}
