/** Tests: validateCertificateChain agrees with `openssl verify -x509_strict -purpose sslserver` on every failure kind it has. RFC 5280 §6 @module */
import { describe, expect } from 'vitest';
import { utf8ToBytes } from '../bytes/bytes.ts';
import { buildCertificate, type CertificateFields } from './certificate.ts';
import { type KeyPair, publicKeyOf } from './keys.ts';
import { OID_KP_CLIENT_AUTH } from './oids.ts';
import { DAY, edKey, itWithOpenssl, NOW, openssl, toPem, withByteFlipped } from './testFixtures.ts';
import { type ValidationFailureCode, validateCertificateChain } from './validate.ts';

/*
 * Each case is one chain the engine refuses for exactly one reason. OpenSSL must refuse it too, with the error
 * (X509_V_ERR_*) that means the same thing, at the same depth. KEY_MISMATCH is not here: it compares the leaf with
 * the key proved in the TLS handshake, which `openssl verify` never sees.
 */

const rootKey = edKey('openssl root');
const serverKey = edKey('openssl server');
const ROOT = 'Handshake Root CA';

function cert(fields: Partial<CertificateFields> & { issuerKey: KeyPair; subjectKey: KeyPair }): Uint8Array {
  const { subjectKey, ...rest } = fields;
  return buildCertificate({
    serial: 11n,
    issuerCN: ROOT,
    subjectCN: 'shop.example',
    notBefore: NOW - 10 * DAY,
    notAfter: NOW + 80 * DAY,
    dnsNames: ['shop.example'],
    isCA: false,
    subjectPublicKey: publicKeyOf(subjectKey),
    ...rest,
  });
}

const root = cert({
  issuerKey: rootKey,
  subjectKey: rootKey,
  subjectCN: ROOT,
  dnsNames: [],
  isCA: true,
  notBefore: NOW - 365 * DAY,
  notAfter: NOW + 3650 * DAY,
});
const leaf = cert({ issuerKey: rootKey, subjectKey: serverKey });

interface Case {
  code: ValidationFailureCode | 'OK';
  /** X509_V_ERR_* numbers OpenSSL may report for it (0: verified). */
  openssl: number[];
  chain: Uint8Array[];
  name?: string;
  at?: number;
}

const impostorKey = edKey('impostor root');
const CASES: Record<string, Case> = {
  'a good chain': { code: 'OK', openssl: [0], chain: [leaf] },
  'a stranger CA': {
    code: 'UNKNOWN_ISSUER',
    openssl: [20], // unable to get local issuer certificate
    chain: [cert({ issuerKey: edKey('stranger'), subjectKey: serverKey, issuerCN: 'Totally Legit CA' })],
  },
  'an impostor root with the real root’s name (issuer matched by key identifier)': {
    code: 'UNKNOWN_ISSUER',
    openssl: [20],
    chain: [cert({ issuerKey: impostorKey, subjectKey: edKey('attacker') })],
  },
  'a self-signed leaf': {
    code: 'SELF_SIGNED',
    openssl: [18], // self-signed certificate
    chain: [cert({ issuerKey: serverKey, subjectKey: serverKey, issuerCN: 'shop.example' })],
  },
  'a changed signature': {
    code: 'BAD_SIGNATURE',
    openssl: [7], // certificate signature failure
    chain: [withByteFlipped(leaf, leaf.length - 1)],
  },
  'another site’s name': { code: 'NAME_MISMATCH', openssl: [62], chain: [leaf], name: 'bank.example' },
  'an expired certificate': { code: 'EXPIRED', openssl: [10], chain: [leaf], at: NOW + 81 * DAY },
  'a certificate not valid yet': { code: 'NOT_YET_VALID', openssl: [9], chain: [leaf], at: NOW - 11 * DAY },
  'a site certificate that signed another': {
    code: 'NOT_A_CA',
    openssl: [24, 79], // invalid CA certificate / invalid non-CA certificate
    chain: [
      cert({
        issuerKey: serverKey,
        subjectKey: edKey('attacker'),
        issuerCN: 'shop.example',
        subjectCN: 'bank.example',
        dnsNames: ['bank.example'],
      }),
      leaf,
    ],
    name: 'bank.example',
  },
  'a clientAuth-only certificate': {
    code: 'WRONG_PURPOSE',
    openssl: [26], // unsupported certificate purpose
    chain: [cert({ issuerKey: rootKey, subjectKey: serverKey, extendedKeyUsage: [OID_KP_CLIENT_AUTH] })],
  },
  'a key usage that forbids TLS': {
    code: 'WRONG_PURPOSE',
    openssl: [26],
    chain: [cert({ issuerKey: rootKey, subjectKey: serverKey, keyUsage: ['cRLSign'] })],
  },
};

/** OpenSSL's verdict: 0, or the first "error N at D depth" it prints. */
function opensslVerdict(c: Case): { error: number; depth: number; output: string } {
  const [first, ...rest] = c.chain;
  const files: Record<string, string> = {
    'root.pem': toPem(root, 'CERTIFICATE'),
    'leaf.pem': toPem(first!, 'CERTIFICATE'),
    'chain.pem': rest.map((d) => toPem(d, 'CERTIFICATE')).join('') || toPem(root, 'CERTIFICATE'),
  };
  const args = ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', 'root.pem', '-untrusted', 'chain.pem'];
  args.push('-attime', String(c.at ?? NOW), '-verify_hostname', c.name ?? 'shop.example', 'leaf.pem');
  const { output, status } = openssl(args, files);
  const match = /error (\d+) at (\d+) depth/.exec(output);
  if (status === 0) return { error: 0, depth: 0, output };
  return { error: match ? Number(match[1]) : -1, depth: match ? Number(match[2]) : -1, output };
}

describe('validation agrees with openssl verify -x509_strict -purpose sslserver', () => {
  for (const [title, c] of Object.entries(CASES))
    itWithOpenssl(`${title}: ${c.code}`, () => {
      const ours = validateCertificateChain({
        chainDer: c.chain,
        trustedRootsDer: [root],
        now: c.at ?? NOW,
        expectedName: c.name ?? 'shop.example',
      });
      const theirs = opensslVerdict(c);
      expect(ours.failures.map((f) => f.code)).toEqual(c.code === 'OK' ? [] : [c.code]);
      expect(c.openssl, theirs.output).toContain(theirs.error);
      if (c.code !== 'OK' && c.code !== 'NAME_MISMATCH') expect(theirs.depth).toBe(ours.failures[0]!.depth);
    });

  itWithOpenssl('unreadable bytes: MALFORMED, and openssl cannot load them either', () => {
    const junk = utf8ToBytes('not a certificate at all');
    expect(
      validateCertificateChain({ chainDer: [junk], trustedRootsDer: [root], now: NOW, expectedName: 'x.example' })
        .failures,
    ).toMatchObject([{ code: 'MALFORMED' }]);
    const { status, output } = openssl(['verify', '-CAfile', 'root.pem', 'junk.pem'], {
      'root.pem': toPem(root, 'CERTIFICATE'),
      'junk.pem': toPem(junk, 'CERTIFICATE'),
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/Could not (read|load|find)|unable to load|error/i);
  });
});
