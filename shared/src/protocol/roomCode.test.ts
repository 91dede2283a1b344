import { describe, expect, it } from 'vitest';
import { isRoomCode, normalizeRoomCode, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from './roomCode.ts';

describe('room codes', () => {
  it('uses no look-alike characters', () => {
    for (const lookAlike of '01OIL') expect(ROOM_CODE_ALPHABET).not.toContain(lookAlike);
    expect(new Set(ROOM_CODE_ALPHABET).size).toBe(ROOM_CODE_ALPHABET.length);
    expect(ROOM_CODE_ALPHABET).toMatch(/^[2-9A-HJKMNP-Z]+$/);
    expect(ROOM_CODE_LENGTH).toBe(6);
  });

  it('reads what a person typed case-insensitively, ignoring spaces and dashes', () => {
    expect(normalizeRoomCode('k7q x2m')).toBe('K7QX2M');
    expect(normalizeRoomCode(' K7Q-X2M ')).toBe('K7QX2M');
    expect(normalizeRoomCode('K7QX2')).toBeNull();
    expect(normalizeRoomCode('K7QX2MM')).toBeNull();
    expect(normalizeRoomCode('K0QX2M')).toBeNull();
    expect(normalizeRoomCode(42)).toBeNull();
    expect(normalizeRoomCode('x'.repeat(1000))).toBeNull();
  });

  it('knows a canonical code from a typed one', () => {
    expect(isRoomCode('K7QX2M')).toBe(true);
    expect(isRoomCode('k7qx2m')).toBe(false);
    expect(isRoomCode('K7Q X2M')).toBe(false);
  });
});
