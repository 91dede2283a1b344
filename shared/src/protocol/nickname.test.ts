import { describe, expect, it } from 'vitest';
import { checkNicknameForm, checkNicknameFree, NICKNAME_MAX_LENGTH, nicknameKey } from './nickname.ts';

const formOf = (typed: unknown) => {
  const result = checkNicknameForm(typed);
  return result.ok ? result.value : result.error.code;
};

describe('nickname form', () => {
  it('trims and collapses spaces', () => {
    expect(formOf('  Ada   Lovelace ')).toBe('Ada Lovelace');
  });

  it('accepts 1 to 20 characters, counting emoji and accents as one', () => {
    expect(formOf('A')).toBe('A');
    expect(formOf('é'.repeat(NICKNAME_MAX_LENGTH))).toBe('é'.repeat(20));
    expect(formOf('🦊'.repeat(20))).toBe('🦊'.repeat(20));
    expect(formOf('a'.repeat(21))).toBe('NICKNAME_TOO_LONG');
    expect(formOf('')).toBe('NICKNAME_MISSING');
    expect(formOf(' \t ')).toBe('NICKNAME_MISSING');
    expect(formOf(undefined)).toBe('NICKNAME_MISSING');
    expect(formOf({ toString: () => 'Ada' })).toBe('NICKNAME_MISSING');
  });

  it('refuses control and invisible characters (bidi overrides, zero-width)', () => {
    expect(formOf('Ada\u202Eevil')).toBe('NICKNAME_INVALID');
    expect(formOf('A\u200Bda')).toBe('NICKNAME_INVALID');
    expect(formOf('A\u0007da')).toBe('NICKNAME_INVALID');
  });

  it('keeps markup as plain text (the client renders it as text)', () => {
    expect(formOf('<b>Bob</b>')).toBe('<b>Bob</b>');
  });

  it('compares nicknames regardless of case, width and spacing', () => {
    expect(nicknameKey(' Ada ')).toBe('ada');
    expect(nicknameKey('Ａda')).toBe('ada');
    const taken = checkNicknameFree('ADA', ['Grace', 'ada']);
    expect(taken.ok ? taken.value : taken.error.code).toBe('NICKNAME_TAKEN');
    expect(checkNicknameFree('Ada', ['Grace'])).toEqual({ ok: true, value: 'Ada' });
  });
});
