import { describe, expect, it } from 'vitest';
import { matchPath, parseHash } from './router.ts';

describe('the hash router', () => {
  it('matches fixed parts, :params and a trailing *', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/table/:code', '/table/K7QX2M')).toEqual({ code: 'K7QX2M' });
    expect(matchPath('/table/:code', '/table')).toBeNull();
    expect(matchPath('/table/:code', '/table/K7QX2M/extra')).toBeNull();
    expect(matchPath('/practice/*', '/practice/happy-path/client')).toEqual({ '*': 'happy-path/client' });
    expect(matchPath('/host', '/hosting')).toBeNull();
  });

  it('splits the hash into a path and a query', () => {
    const { path, query } = parseHash('#/table/ABC?watch=1');
    expect(path).toBe('/table/ABC');
    expect(query.get('watch')).toBe('1');
    expect(parseHash('').path).toBe('/');
    expect(parseHash('#table').path).toBe('/table');
  });
});
