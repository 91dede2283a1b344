/** The certificate extensions Handshake writes and reads (RFC 5280 §4.2.1; key identifiers per RFC 7093 §2). @module */

import { OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { sha256 } from '../crypto/primitives.ts';
import { bytesOf, decodeDer, encodeDer } from './der.ts';
import { CertificateError } from './errors.ts';
import { type KeyAlgorithm, type SubjectPublicKey, subjectPublicKeyBits } from './keys.ts';
import {
  OID_AUTHORITY_KEY_IDENTIFIER,
  OID_BASIC_CONSTRAINTS,
  OID_EXTENDED_KEY_USAGE,
  OID_KEY_USAGE,
  OID_KP_SERVER_AUTH,
  OID_SUBJECT_ALT_NAME,
  OID_SUBJECT_KEY_IDENTIFIER,
} from './oids.ts';

/** KeyUsage bits in order (RFC 5280 §4.2.1.3). */
const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

export interface ExtensionsInput {
  isCA: boolean;
  dnsNames: readonly string[];
  subjectKeyAlgorithm: KeyAlgorithm;
  subjectKeyId: Uint8Array;
  authorityKeyId: Uint8Array | null;
  /** Overrides the keyUsage bits chosen from isCA and the key algorithm. */
  keyUsage?: readonly KeyUsageName[];
  /** Overrides extKeyUsage (serverAuth for a leaf, none for a CA); [] leaves the extension out. */
  extendedKeyUsage?: readonly string[];
}

/** What Handshake reads from a certificate's extensions. */
export interface CertificateExtensions {
  /** basicConstraints cA (§4.2.1.9); false when the extension is absent. */
  isCA: boolean;
  /** subjectAltName dNSName entries (§4.2.1.6), in order. */
  dnsNames: string[];
  /** keyUsage bits that are set (§4.2.1.3), or null when the extension is absent. */
  keyUsage: KeyUsageName[] | null;
  /** extKeyUsage purposes as OIDs (§4.2.1.12), or null when the extension is absent (any purpose). */
  extendedKeyUsage: string[] | null;
  subjectKeyId: Uint8Array | null;
  authorityKeyId: Uint8Array | null;
}

/** RFC 7093 §2 method 1: the leftmost 160 bits of SHA-256 over the subjectPublicKey BIT STRING value. */
export function keyIdentifier(key: SubjectPublicKey): Uint8Array {
  return sha256(subjectPublicKeyBits(key)).slice(0, 20);
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(encodeDer(value)) });
}

/** subjectAltName with dNSName entries, non-critical because the subject is not empty (§4.2.1.6). */
export function subjectAltNameExtension(dnsNames: readonly string[]): Extension {
  const names = dnsNames.map((dNSName) => new GeneralName({ dNSName }));
  return extension(OID_SUBJECT_ALT_NAME, false, new SubjectAlternativeName(names));
}

/**
 * A CA gets basicConstraints cA TRUE, critical (§4.2.1.9) and keyUsage keyCertSign + cRLSign (§4.2.1.3);
 * a server gets digitalSignature for Ed25519 and ECDSA (TLS 1.3 CertificateVerify) or keyEncipherment for RSA
 * (TLS 1.2 key transport), plus extKeyUsage serverAuth (§4.2.1.12) and its names. Both can be overridden.
 */
export function buildCertificateExtensions(input: ExtensionsInput): Extensions {
  const { isCA, dnsNames, subjectKeyAlgorithm, subjectKeyId, authorityKeyId } = input;
  const defaultUsage: KeyUsageName[] = isCA
    ? ['keyCertSign', 'cRLSign']
    : subjectKeyAlgorithm === 'RSA'
      ? ['keyEncipherment']
      : ['digitalSignature'];
  const usage = (input.keyUsage ?? defaultUsage).reduce((bits, name) => bits | KeyUsageFlags[name], 0);
  const purposes = input.extendedKeyUsage ?? (isCA ? [] : [OID_KP_SERVER_AUTH]);
  const list = [
    extension(OID_BASIC_CONSTRAINTS, true, new BasicConstraints({ cA: isCA })),
    extension(OID_KEY_USAGE, true, new KeyUsage(usage)),
    extension(OID_SUBJECT_KEY_IDENTIFIER, false, new SubjectKeyIdentifier(subjectKeyId)),
  ];
  if (authorityKeyId)
    list.push(
      extension(
        OID_AUTHORITY_KEY_IDENTIFIER,
        false,
        new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(authorityKeyId) }),
      ),
    );
  if (purposes.length > 0) list.push(extension(OID_EXTENDED_KEY_USAGE, false, new ExtendedKeyUsage([...purposes])));
  if (dnsNames.length > 0) list.push(subjectAltNameExtension(dnsNames));
  return new Extensions(list);
}

/** Reads the extensions above; refuses duplicates (§4.2) and critical ones it does not understand (§4.2). */
export function readCertificateExtensions(extensions: readonly Extension[] | undefined): CertificateExtensions {
  const out: CertificateExtensions = {
    isCA: false,
    dnsNames: [],
    keyUsage: null,
    extendedKeyUsage: null,
    subjectKeyId: null,
    authorityKeyId: null,
  };
  const seen = new Set<string>();
  for (const ext of extensions ?? []) {
    if (seen.has(ext.extnID))
      throw new CertificateError(
        'MALFORMED',
        `The extension ${ext.extnID} appears twice, which RFC 5280 §4.2 forbids.`,
      );
    seen.add(ext.extnID);
    const value = bytesOf(ext.extnValue);
    switch (ext.extnID) {
      case OID_BASIC_CONSTRAINTS:
        out.isCA = decodeDer(value, BasicConstraints, 'basic constraints extension').cA;
        break;
      case OID_KEY_USAGE:
        out.keyUsage = readKeyUsage(decodeDer(value, KeyUsage, 'key usage extension'));
        break;
      case OID_SUBJECT_ALT_NAME:
        out.dnsNames = readDnsNames(decodeDer(value, SubjectAlternativeName, 'alternative names extension'));
        break;
      case OID_SUBJECT_KEY_IDENTIFIER:
        out.subjectKeyId = bytesOf(decodeDer(value, SubjectKeyIdentifier, 'key identifier extension'));
        break;
      case OID_AUTHORITY_KEY_IDENTIFIER: {
        const aki = decodeDer(value, AuthorityKeyIdentifier, 'authority key identifier extension');
        out.authorityKeyId = aki.keyIdentifier ? bytesOf(aki.keyIdentifier) : null;
        break;
      }
      case OID_EXTENDED_KEY_USAGE:
        out.extendedKeyUsage = Array.from(decodeDer(value, ExtendedKeyUsage, 'extended key usage extension'));
        break;
      default:
        if (ext.critical)
          throw new CertificateError(
            'MALFORMED',
            `This certificate has a critical extension (${ext.extnID}) that Handshake does not understand, so it must be refused.`,
          );
    }
  }
  return out;
}

function readKeyUsage(usage: KeyUsage): KeyUsageName[] {
  const bits = new Uint8Array(usage.value);
  return KEY_USAGE_BITS.filter((_, i) => ((bits[i >> 3] ?? 0) >> (7 - (i & 7))) & 1);
}

function readDnsNames(names: SubjectAlternativeName): string[] {
  if (names.length === 0)
    throw new CertificateError(
      'MALFORMED',
      'The alternative names extension is empty, which RFC 5280 §4.2.1.6 forbids.',
    );
  return Array.from(names, (name) => name.dNSName).filter((name) => name !== undefined);
}
