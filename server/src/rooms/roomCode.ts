/** Table codes: six characters a student can read off a projector and type without confusing look-alikes. @module */
import { randomInt } from 'node:crypto';

/** Digits and capitals without 0/O, 1/I/L: 31 symbols, so 31^6 ≈ 887 million codes. */
export const ROOM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ROOM_CODE_LENGTH = 6;

const CODE_PATTERN = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`);

/** A fresh code from the CSPRNG (codes guard entry to a table, so they must not be predictable). */
export function randomRoomCode(): string {
  let code = '';
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
}

/**
 * What a person typed, as a code: case-insensitive, spaces and dashes ignored.
 * Returns null when it cannot be a code at all.
 */
export function normalizeRoomCode(typed: unknown): string | null {
  if (typeof typed !== 'string' || typed.length > 32) return null;
  const code = typed.replace(/[\s-]/g, '').toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

/** The codes of the live tables in this process: claimed when a table is created, released when it closes. */
export class RoomCodeRegistry {
  readonly #live = new Set<string>();

  /** Claims an unused code; synchronous, so two tables created at once never share one. */
  claim(generate: () => string = randomRoomCode): string {
    for (let attempt = 0; attempt < 100; attempt++) {
      const code = generate();
      if (!this.#live.has(code)) {
        this.#live.add(code);
        return code;
      }
    }
    throw new Error('Could not find a free table code after 100 attempts');
  }

  release(code: string): void {
    this.#live.delete(code);
  }

  get size(): number {
    return this.#live.size;
  }
}

/** The process-wide registry: Handshake runs every table in one process. */
export const liveRoomCodes = new RoomCodeRegistry();
