import { describe, expect, it } from 'vitest';
import { rotationSummary } from '../competition/rotation.ts';
import { EN } from './en/index.ts';
import { type Catalog, render, text } from './text.ts';

describe('render', () => {
  it('fills parameters and picks singular or plural', () => {
    expect(render(text('common.points', { points: 1 }))).toBe('1 point');
    expect(render(text('common.points', { points: 3 }))).toBe('3 points');
    expect(render(text('common.points', { points: 0 }))).toBe('0 points');
  });

  it('renders nested texts in the same catalog and falls back to English for a missing id', () => {
    const other = { ...EN, 'common.points': '{points} {points|punto|puntos}' } as Catalog;
    expect(render(text('common.points', { points: 2 }), other)).toBe('2 puntos');
    const partial = {} as Catalog;
    expect(render(text('common.points', { points: 2 }), partial)).toBe('2 points');
  });

  it('puts the number in a plural branch with #', () => {
    expect(render(rotationSummary(8))).toBe('8 rounds: everyone plays every role 2 times.');
    expect(render(rotationSummary(4))).toBe('4 rounds: everyone plays every role once.');
    expect(render(rotationSummary(1))).toBe(
      '1 round: each student plays 1 of the 4 roles. With 4 rounds, everyone plays every role.',
    );
    expect(render(rotationSummary(6))).toBe('6 rounds: everyone plays every role once, and 2 roles once more.');
  });

  it('leaves a missing parameter visible', () => {
    expect(render(text('common.points'))).toBe('{points} {points|point|points}');
  });
});
