import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dnsNameMatches, isValidDnsName, normalizeDnsName } from './dnsName.ts';

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const host = fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join('.'));

describe('isValidDnsName', () => {
  it('takes letter-digit-hyphen labels and, when allowed, one whole left-most wildcard label', () => {
    for (const name of ['shop.example', 'xn--bcher-kva.example', 'a-b.c0.example', 'localhost', 'SHOP.Example'])
      expect(isValidDnsName(name)).toBe(true);
    for (const name of [
      '',
      'shop..example',
      '-shop.example',
      'shop-.example',
      'sh op.example',
      'shop.example.',
      'a_b.example',
    ])
      expect(isValidDnsName(name)).toBe(false);
    expect(isValidDnsName(`${'a'.repeat(63)}.example`)).toBe(true);
    expect(isValidDnsName(`${'a'.repeat(64)}.example`)).toBe(false);
    expect(isValidDnsName('*.shop.example')).toBe(false);
    expect(isValidDnsName('*.shop.example', { allowWildcard: true })).toBe(true);
    expect(isValidDnsName('*.example', { allowWildcard: true })).toBe(false);
    expect(isValidDnsName('s*.shop.example', { allowWildcard: true })).toBe(false);
    expect(isValidDnsName('www.*.example', { allowWildcard: true })).toBe(false);
  });
});

describe('dnsNameMatches (RFC 6125 §6.4)', () => {
  it('compares case-insensitively and ignores a trailing root dot on the reference', () => {
    fc.assert(
      fc.property(host, (name) => {
        expect(dnsNameMatches(name.toUpperCase(), name)).toBe(true);
        expect(dnsNameMatches(name, `${name.toUpperCase()}.`)).toBe(true);
        expect(normalizeDnsName(`${name.toUpperCase()}.`)).toBe(name);
      }),
    );
  });

  it('lets a wildcard stand for exactly one label', () => {
    fc.assert(
      fc.property(label, host, label, (first, base, extra) => {
        expect(dnsNameMatches(`*.${base}`, `${first}.${base}`)).toBe(true);
        expect(dnsNameMatches(`*.${base}`, base)).toBe(false);
        expect(dnsNameMatches(`*.${base}`, `${extra}.${first}.${base}`)).toBe(false);
      }),
    );
  });

  it('never matches different names, wildcard references or look-alikes', () => {
    fc.assert(
      fc.property(host, host, (a, b) => {
        expect(dnsNameMatches(a, b)).toBe(a === b);
      }),
    );
    expect(dnsNameMatches('*.shop.example', '*.shop.example')).toBe(false);
    expect(dnsNameMatches('bank.example', 'bank.example.evil')).toBe(false);
    expect(dnsNameMatches('bank-example.com', 'bank.example')).toBe(false);
    expect(dnsNameMatches('*.example', 'bank.example')).toBe(false);
  });
});
