/**
 * Nicknames at the server: the protocol's form rules (`checkNicknameForm`, shared with the client), then
 * what only the server checks — no profanity, unique at the table. Shown as plain text only.
 * @module
 */
import { checkNicknameForm, checkNicknameFree, type NicknameResult } from '@handshake/shared';
import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

const profanity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** Checks what a player typed; on success returns the nickname as it will be shown. */
export function checkNickname(typed: unknown, takenAtTable: Iterable<string> = []): NicknameResult {
  const form = checkNicknameForm(typed);
  if (!form.ok) return form;
  if (profanity.hasMatch(form.value)) {
    return { ok: false, error: { code: 'NICKNAME_REJECTED', message: 'Please choose a different nickname.' } };
  }
  return checkNicknameFree(form.value, takenAtTable);
}
