import { describe, expect, it } from 'vitest';
import { checkNickname, NICKNAME_MAX_LENGTH, nicknameKey } from './nickname.ts';

const codeOf = (typed: unknown, taken: string[] = []) => {
  const result = checkNickname(typed, taken);
  return result.ok ? result.value : result.error.code;
};

describe('nicknames', () => {
  it('trims and collapses spaces', () => {
    expect(codeOf('  Ada   Lovelace ')).toBe('Ada Lovelace');
  });

  it('accepts 1 to 20 characters, counting emoji and accents as one', () => {
    expect(codeOf('A')).toBe('A');
    expect(codeOf('é'.repeat(NICKNAME_MAX_LENGTH))).toBe('é'.repeat(20));
    expect(codeOf('🦊'.repeat(20))).toBe('🦊'.repeat(20));
    expect(codeOf('a'.repeat(21))).toBe('NICKNAME_TOO_LONG');
    expect(codeOf('')).toBe('NICKNAME_MISSING');
    expect(codeOf(' \t ')).toBe('NICKNAME_MISSING');
    expect(codeOf(undefined)).toBe('NICKNAME_MISSING');
    expect(codeOf({ toString: () => 'Ada' })).toBe('NICKNAME_MISSING');
  });

  it('refuses control and invisible characters (bidi overrides, zero-width)', () => {
    expect(codeOf('Ada\u202Eevil')).toBe('NICKNAME_INVALID');
    expect(codeOf('A\u200Bda')).toBe('NICKNAME_INVALID');
    expect(codeOf('A\u0007da')).toBe('NICKNAME_INVALID');
  });

  it('keeps markup as plain text (the client renders it as text)', () => {
    expect(codeOf('<b>Bob</b>')).toBe('<b>Bob</b>');
  });

  it('is unique at the table regardless of case and width', () => {
    expect(codeOf('ADA', ['ada'])).toBe('NICKNAME_TAKEN');
    expect(codeOf('Ａda', ['ada'])).toBe('NICKNAME_TAKEN');
    expect(codeOf('Ada B', ['Ada  B'])).toBe('NICKNAME_TAKEN');
    expect(codeOf('Ada', ['Grace'])).toBe('Ada');
    expect(nicknameKey(' Ada ')).toBe('ada');
  });

  it('filters profanity, including disguised spellings, without flagging innocent words', () => {
    for (const bad of ['fuck', 'FuCk', 'fuuuuck', 'shithead', 'b1tch']) expect(codeOf(bad)).toBe('NICKNAME_REJECTED');
    for (const fine of ['Scunthorpe', 'grapes', 'pen island', 'Classic', 'Assange'])
      expect(codeOf(fine), fine).not.toBe('NICKNAME_REJECTED');
  });
});
