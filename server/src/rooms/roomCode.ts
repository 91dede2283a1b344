/** Handing out room codes: drawn from the protocol's alphabet (`@handshake/shared`) and kept unique per process. @module */
import { randomInt } from 'node:crypto';
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from '@handshake/shared';

/** A fresh code from the CSPRNG (codes guard entry to a table, so they must not be predictable). */
export function randomRoomCode(): string {
  let code = '';
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
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
