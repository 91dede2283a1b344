/** A certificate as labelled, readable fields for the game's inspector, one per RFC 5280 §4.1.2 field. @module */
import { numberToVarBytesBE } from '@noble/curves/utils.js';
import { abytes, bytesToHex } from '../bytes/bytes.ts';
import { sha256 } from '../crypto/primitives.ts';
import type { ParsedCertificate } from './certificate.ts';
import type { SubjectPublicKey } from './keys.ts';
import { isoDate } from './time.ts';

export type CertificateFieldId =
  | 'subject'
  | 'issuer'
  | 'serial'
  | 'notBefore'
  | 'notAfter'
  | 'dnsNames'
  | 'isCA'
  | 'keyUsage'
  | 'publicKeyAlgorithm'
  | 'publicKey'
  | 'publicKeyFingerprint'
  | 'signatureAlgorithm'
  | 'signature'
  | 'fingerprint';

export interface CertificateField {
  id: CertificateFieldId;
  label: string;
  value: string;
}

const SIGNATURE_ALGORITHM_NAMES = {
  Ed25519: 'Ed25519',
  'ECDSA-SHA256': 'ECDSA with SHA-256',
  'RSA-SHA256': 'SHA-256 with RSA (PKCS #1 v1.5)',
} as const;

/** Upper-case hex pairs joined by colons, as browsers show fingerprints and serials. */
export function colonHex(bytes: Uint8Array): string {
  abytes(bytes, undefined, 'bytes');
  return bytesToHex(bytes)
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}

/** SHA-256 over the bytes (the whole DER for a certificate, the SPKI for a key), colon hex. */
export function sha256Fingerprint(bytes: Uint8Array): string {
  return colonHex(sha256(bytes));
}

export function describeCertificate(certificate: ParsedCertificate): CertificateField[] {
  const c = certificate;
  const key = c.publicKey;
  const field = (id: CertificateFieldId, label: string, value: string): CertificateField => ({ id, label, value });
  return [
    field('subject', 'Issued to', c.subjectCN ? `CN=${c.subjectCN}` : '(no name)'),
    field('issuer', 'Issued by', c.issuerCN ? `CN=${c.issuerCN}` : '(no name)'),
    field('serial', 'Serial number', colonHex(numberToVarBytesBE(c.serial))),
    field('notBefore', 'Valid from', isoDate(c.notBefore)),
    field('notAfter', 'Valid until', isoDate(c.notAfter)),
    field('dnsNames', 'Names (subjectAltName)', c.dnsNames.length ? c.dnsNames.join(', ') : '(none)'),
    field(
      'isCA',
      'Certificate authority',
      c.isCA ? 'Yes: it may sign other certificates' : 'No: it may not sign other certificates',
    ),
    field('keyUsage', 'Key usage', c.keyUsage ? c.keyUsage.join(', ') || '(none)' : '(not stated)'),
    field('publicKeyAlgorithm', 'Public key algorithm', publicKeyAlgorithmText(key)),
    field(
      'publicKey',
      key.algorithm === 'RSA' ? 'Public key (modulus n)' : 'Public key',
      key.algorithm === 'RSA' ? key.key.n.toString(16) : bytesToHex(key.key),
    ),
    field('publicKeyFingerprint', 'Public key SHA-256', sha256Fingerprint(c.subjectPublicKeyInfo)),
    field('signatureAlgorithm', 'Signature algorithm', SIGNATURE_ALGORITHM_NAMES[c.signatureAlgorithm]),
    field('signature', 'Signature', bytesToHex(c.signature)),
    field('fingerprint', 'SHA-256 fingerprint', sha256Fingerprint(c.der)),
  ];
}

function publicKeyAlgorithmText(key: SubjectPublicKey): string {
  if (key.algorithm === 'Ed25519') return 'Ed25519 (256-bit)';
  if (key.algorithm === 'ECDSA-P256') return 'ECDSA on P-256 (256-bit)';
  return `RSA (${key.key.n.toString(2).length}-bit, e = ${key.key.e})`;
}
