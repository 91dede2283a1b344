/**
 * Nicknames as typed: trimmed, 1–20 characters, no control or invisible characters. The server adds what
 * only it can know (uniqueness at the table, the profanity list); the client checks this much as people type.
 * @module
 */

export const NICKNAME_MAX_LENGTH = 20;

export type NicknameErrorCode =
  | 'NICKNAME_MISSING'
  | 'NICKNAME_TOO_LONG'
  | 'NICKNAME_INVALID'
  | 'NICKNAME_TAKEN'
  | 'NICKNAME_REJECTED';

export type NicknameResult =
  | { ok: true; value: string }
  | { ok: false; error: { code: NicknameErrorCode; message: string } };

/** Control and invisible formatting characters (bidi overrides, zero-width joiners…) have no place in a name. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u;

const fail = (code: NicknameErrorCode, message: string): NicknameResult => ({ ok: false, error: { code, message } });

/** The form two nicknames are compared in: "Alice" and "ALİCE " are the same person to a class. */
export function nicknameKey(nickname: string): string {
  return nickname.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

/** Checks the form of what a player typed; on success returns the nickname as it will be shown. */
export function checkNicknameForm(typed: unknown): NicknameResult {
  if (typeof typed !== 'string') return fail('NICKNAME_MISSING', 'Type a nickname to join the table.');
  const nickname = typed.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (nickname.length === 0) return fail('NICKNAME_MISSING', 'Type a nickname to join the table.');
  // Counted in code points, so an emoji or an accented letter is one character.
  if ([...nickname].length > NICKNAME_MAX_LENGTH) {
    return fail('NICKNAME_TOO_LONG', `A nickname is at most ${NICKNAME_MAX_LENGTH} characters.`);
  }
  if (INVISIBLE.test(nickname)) {
    return fail('NICKNAME_INVALID', 'A nickname cannot contain control or invisible characters.');
  }
  return { ok: true, value: nickname };
}

/** Checks a nickname against the others at the table (or in the class), in the comparison form. */
export function checkNicknameFree(nickname: string, taken: Iterable<string>): NicknameResult {
  const key = nicknameKey(nickname);
  for (const other of taken) {
    if (nicknameKey(other) === key)
      return fail('NICKNAME_TAKEN', `Someone at this table is already called ${nickname}.`);
  }
  return { ok: true, value: nickname };
}
