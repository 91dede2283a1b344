import { describe, expect, it } from 'vitest';
import { normalizeRoomCode, ROOM_CODE_ALPHABET, RoomCodeRegistry, randomRoomCode } from './roomCode.ts';

describe('room codes', () => {
  it('uses no look-alike characters', () => {
    for (const lookAlike of '01OIL') expect(ROOM_CODE_ALPHABET).not.toContain(lookAlike);
    expect(new Set(ROOM_CODE_ALPHABET).size).toBe(ROOM_CODE_ALPHABET.length);
  });

  it('draws six characters from the alphabet, and draws them all', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = randomRoomCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(ROOM_CODE_ALPHABET.length);
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

  it('never hands out a code that is live, and reuses it once released', () => {
    const registry = new RoomCodeRegistry();
    const codes = ['AAAAAA', 'AAAAAA', 'BBBBBB'];
    const next = () => codes.shift() ?? 'CCCCCC';
    expect(registry.claim(next)).toBe('AAAAAA');
    expect(registry.claim(next)).toBe('BBBBBB');
    registry.release('AAAAAA');
    expect(registry.claim(() => 'AAAAAA')).toBe('AAAAAA');
    expect(() => registry.claim(() => 'AAAAAA')).toThrow(/free table code/);
    expect(registry.size).toBe(2);
  });
});
