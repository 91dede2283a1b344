import { describe, expect, it } from 'vitest';
import { checkNickname } from './nickname.ts';

const codeOf = (typed: unknown, taken: string[] = []) => {
  const result = checkNickname(typed, taken);
  return result.ok ? result.value : result.error.code;
};

// The form rules (length, characters, trimming) are the protocol's: shared/src/protocol/nickname.test.ts.
describe('nicknames at the server', () => {
  it('applies the protocol’s form rules first', () => {
    expect(codeOf('  Ada   Lovelace ')).toBe('Ada Lovelace');
    expect(codeOf('a'.repeat(21))).toBe('NICKNAME_TOO_LONG');
    expect(codeOf(undefined)).toBe('NICKNAME_MISSING');
    expect(codeOf('Ada\u202Eevil')).toBe('NICKNAME_INVALID');
  });

  it('is unique at the table regardless of case and width', () => {
    expect(codeOf('ADA', ['ada'])).toBe('NICKNAME_TAKEN');
    expect(codeOf('Ａda', ['ada'])).toBe('NICKNAME_TAKEN');
    expect(codeOf('Ada B', ['Ada  B'])).toBe('NICKNAME_TAKEN');
    expect(codeOf('Ada', ['Grace'])).toBe('Ada');
  });

  it('filters profanity, including disguised spellings, without flagging innocent words', () => {
    for (const bad of ['fuck', 'FuCk', 'fuuuuck', 'shithead', 'b1tch']) expect(codeOf(bad)).toBe('NICKNAME_REJECTED');
    for (const fine of ['Scunthorpe', 'grapes', 'pen island', 'Classic', 'Assange'])
      expect(codeOf(fine), fine).not.toBe('NICKNAME_REJECTED');
  });
});
