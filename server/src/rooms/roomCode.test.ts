import { isRoomCode, ROOM_CODE_ALPHABET } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { RoomCodeRegistry, randomRoomCode } from './roomCode.ts';

// The alphabet and how typed codes are read are the protocol's: shared/src/protocol/roomCode.test.ts.
describe('room codes handed out', () => {
  it('draws six characters from the alphabet, and draws them all', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const code = randomRoomCode();
      expect(isRoomCode(code)).toBe(true);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(ROOM_CODE_ALPHABET.length);
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
