/** Room codes: six characters a student can read off a projector and type without confusing look-alikes. @module */

/** Digits and capitals without 0/O, 1/I/L: 31 symbols, so 31^6 ≈ 887 million codes. */
export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ROOM_CODE_LENGTH = 6;
/** Longer input is not a code, however forgiving the reading. */
const MAX_TYPED_LENGTH = 32;

const CODE_PATTERN = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`);

/** Whether `code` is already in the canonical form (what the server hands out). */
export function isRoomCode(code: unknown): code is string {
  return typeof code === 'string' && CODE_PATTERN.test(code);
}

/**
 * What a person typed, as a code: case-insensitive, spaces and dashes ignored.
 * Returns null when it cannot be a code at all.
 */
export function normalizeRoomCode(typed: unknown): string | null {
  if (typeof typed !== 'string' || typed.length > MAX_TYPED_LENGTH) return null;
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return isRoomCode(code) ? code : null;
}
