/** Nicknames: trimmed, 1–20 characters, unique at the table, no profanity; shown as plain text only. @module */
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

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

const profanity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** Control and invisible formatting characters (bidi overrides, zero-width joiners…) have no place in a name. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u;

/** The form two nicknames are compared in: "Alice" and "ALİCE " are the same person to a class. */
export function nicknameKey(nickname: string): string {
  return nickname.normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
}

const fail = (code: NicknameErrorCode, message: string): NicknameResult => ({ ok: false, error: { code, message } });

/** Checks what a player typed; on success returns the nickname as it will be shown. */
export function checkNickname(typed: unknown, takenAtTable: Iterable<string> = []): NicknameResult {
  if (typeof typed !== 'string') return fail('NICKNAME_MISSING', 'Type a nickname to join the table.');
  const nickname = typed.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (nickname.length === 0) return fail('NICKNAME_MISSING', 'Type a nickname to join the table.');
  if ([...nickname].length > NICKNAME_MAX_LENGTH) {
    return fail('NICKNAME_TOO_LONG', `A nickname is at most ${NICKNAME_MAX_LENGTH} characters.`);
  }
  if (INVISIBLE.test(nickname))
    return fail('NICKNAME_INVALID', 'A nickname cannot contain control or invisible characters.');
  if (profanity.hasMatch(nickname)) return fail('NICKNAME_REJECTED', 'Please choose a different nickname.');
  const key = nicknameKey(nickname);
  for (const taken of takenAtTable) {
    if (nicknameKey(taken) === key)
      return fail('NICKNAME_TAKEN', `Someone at this table is already called ${nickname}.`);
  }
  return { ok: true, value: nickname };
}
