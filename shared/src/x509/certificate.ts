/** X.509 v3 certificates (RFC 5280 §4.1): build, sign and parse, Ed25519 per RFC 8410, ECDSA P-256 per RFC 5480/5758 and RSA per RFC 4055. @module */
import { bytesToNumberBE } from '@noble/curves/utils.js';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo, TBSCertificate, Validity, Version } from '@peculiar/asn1-x509';
import { ArgumentError, abytes, equalBytes } from '../bytes/bytes.ts';
import type { Rng } from '../rng/rng.ts';
import { arrayBufferOf, bytesOf, decodeDer, encodeDer, positiveIntegerBytes, readPositiveInteger } from './der.ts';
import { isValidDnsName } from './dnsName.ts';
import { CertificateError } from './errors.ts';
import {
  buildCertificateExtensions,
  type KeyUsageName,
  keyIdentifier,
  readCertificateExtensions,
} from './extensions.ts';
import {
  assertKeyPair,
  assertSubjectPublicKey,
  decodeSubjectPublicKeyInfo,
  encodeSubjectPublicKeyInfo,
  type KeyPair,
  publicKeyOf,
  type SubjectPublicKey,
} from './keys.ts';
import { encodeCommonName, readCommonName } from './name.ts';
import { rememberedParse } from './parsedCache.ts';
import { type SignatureAlgorithm, signatureAlgorithmFor, signatureAlgorithmIdentifier } from './signature.ts';
import { openSigned, sealSigned, verifySigned } from './signed.ts';
import { decodeTime, encodeTime } from './time.ts';

/** A serial number is at most 20 octets (RFC 5280 §4.1.2.2). */
export const MAX_SERIAL_BYTES = 20;

export interface CertificateFields {
  /** Positive, at most 20 octets (§4.1.2.2); see `randomSerial`. */
  serial: bigint;
  issuerCN: string;
  subjectCN: string;
  /** Seconds since the Unix epoch. */
  notBefore: number;
  notAfter: number;
  /** subjectAltName dNSNames (§4.2.1.6); any syntactically valid name, look-alikes included. */
  dnsNames: readonly string[];
  isCA: boolean;
  subjectPublicKey: SubjectPublicKey;
  /** The issuer's key pair: its private key signs (the subject's own pair for a self-signed root). */
  issuerKey: KeyPair;
  /** Defaults to the subject key's RFC 7093 identifier. */
  subjectKeyId?: Uint8Array;
  /** Defaults to the issuer key's identifier, which is the issuer certificate's subjectKeyId. */
  authorityKeyId?: Uint8Array;
  /** keyUsage bits (§4.2.1.3); default keyCertSign + cRLSign for a CA, digitalSignature (keyEncipherment for RSA) otherwise. */
  keyUsage?: readonly KeyUsageName[];
  /** extKeyUsage OIDs (§4.2.1.12); default serverAuth for a leaf, none for a CA; [] leaves it out. */
  extendedKeyUsage?: readonly string[];
}

export interface ParsedCertificate {
  der: Uint8Array;
  /** The signed TBSCertificate DER (§4.1.1.1). */
  tbs: Uint8Array;
  serial: bigint;
  subjectCN: string;
  issuerCN: string;
  /** Seconds since the Unix epoch, inclusive (§4.1.2.5). */
  notBefore: number;
  notAfter: number;
  dnsNames: string[];
  isCA: boolean;
  publicKey: SubjectPublicKey;
  signatureAlgorithm: SignatureAlgorithm;
  signature: Uint8Array;
  /** SubjectPublicKeyInfo DER (§4.1.2.7). */
  subjectPublicKeyInfo: Uint8Array;
  /** Subject and issuer Name DER, compared byte for byte to chain certificates (§7.1). */
  subjectName: Uint8Array;
  issuerName: Uint8Array;
  keyUsage: KeyUsageName[] | null;
  /** extKeyUsage OIDs, or null when absent (any purpose, §4.2.1.12). */
  extendedKeyUsage: string[] | null;
  subjectKeyId: Uint8Array | null;
  authorityKeyId: Uint8Array | null;
}

/** 16 random octets with the top bit clear: positive, unpredictable (≥ 64 bits) and well under 20 octets. */
export function randomSerial(rng: Rng): bigint {
  const bytes = rng.bytes(16);
  bytes[0]! &= 0x7f;
  const serial = bytesToNumberBE(bytes);
  return serial === 0n ? 1n : serial;
}

/** Builds the TBSCertificate (§4.1.2) and signs it with `issuerKey`; returns the certificate's DER. */
export function buildCertificate(fields: CertificateFields): Uint8Array {
  assertCertificateFields(fields);
  const { serial, issuerCN, subjectCN, notBefore, notAfter, dnsNames, isCA, subjectPublicKey, issuerKey } = fields;
  const validity = new Validity();
  validity.notBefore = encodeTime(notBefore, 'notBefore');
  validity.notAfter = encodeTime(notAfter, 'notAfter');
  const signatureAlgorithm = signatureAlgorithmIdentifier(signatureAlgorithmFor(issuerKey.algorithm));
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: arrayBufferOf(positiveIntegerBytes(serial)),
    signature: signatureAlgorithm, // must equal the outer signatureAlgorithm (§4.1.2.3)
    issuer: encodeCommonName(issuerCN, 'issuerCN'),
    validity,
    subject: encodeCommonName(subjectCN, 'subjectCN'),
    subjectPublicKeyInfo: AsnConvert.parse(encodeSubjectPublicKeyInfo(subjectPublicKey), SubjectPublicKeyInfo),
    extensions: buildCertificateExtensions({
      isCA,
      dnsNames: dnsNames.map((name) => name.toLowerCase()),
      subjectKeyAlgorithm: subjectPublicKey.algorithm,
      subjectKeyId: fields.subjectKeyId ?? keyIdentifier(subjectPublicKey),
      authorityKeyId: fields.authorityKeyId ?? keyIdentifier(publicKeyOf(issuerKey)),
      ...(fields.keyUsage ? { keyUsage: fields.keyUsage } : {}),
      ...(fields.extendedKeyUsage ? { extendedKeyUsage: fields.extendedKeyUsage } : {}),
    }),
  });
  return sealSigned(encodeDer(tbs), issuerKey);
}

function assertCertificateFields(fields: CertificateFields): void {
  const { serial, notBefore, notAfter, dnsNames, isCA, subjectKeyId, authorityKeyId } = fields;
  if (typeof serial !== 'bigint' || serial <= 0n) throw new ArgumentError('serial: expected a positive bigint');
  if (positiveIntegerBytes(serial).length > MAX_SERIAL_BYTES) throw new ArgumentError('serial: longer than 20 octets');
  if (notAfter < notBefore) throw new ArgumentError('notAfter: earlier than notBefore');
  if (!Array.isArray(dnsNames)) throw new ArgumentError('dnsNames: expected an array');
  for (const name of dnsNames)
    if (!isValidDnsName(name, { allowWildcard: true }))
      throw new CertificateError('INVALID_NAME', `"${name}" is not a name a certificate can carry.`);
  if (typeof isCA !== 'boolean') throw new ArgumentError('isCA: expected a boolean');
  assertSubjectPublicKey(fields.subjectPublicKey, 'subjectPublicKey');
  assertKeyPair(fields.issuerKey, 'issuerKey');
  if (subjectKeyId !== undefined) abytes(subjectKeyId, undefined, 'subjectKeyId');
  if (authorityKeyId !== undefined) abytes(authorityKeyId, undefined, 'authorityKeyId');
}

/**
 * Reads a DER certificate strictly: DER only, version 3, one signature algorithm inside and out,
 * a positive serial of at most 20 octets, an Ed25519, P-256 or RSA key. Does not check the signature
 * (see `verifyCertificateSignature`). Throws CertificateError('MALFORMED') with a readable sentence.
 */
export const parseCertificate: (der: Uint8Array) => ParsedCertificate = rememberedParse(readCertificateDer);

function readCertificateDer(der: Uint8Array): ParsedCertificate {
  abytes(der, undefined, 'der');
  const envelope = openSigned(der, 'certificate');
  const tbs = decodeDer(envelope.tbs, TBSCertificate, 'certificate');
  const bad = (why: string) => new CertificateError('MALFORMED', why);
  if (tbs.version !== Version.v3)
    throw bad(`This is a version ${tbs.version + 1} certificate; Handshake reads only version 3 (RFC 5280 §4.1.2.1).`);
  if (!equalBytes(encodeDer(tbs.signature), envelope.signatureAlgorithmDer))
    throw bad('This certificate names a different signature algorithm inside its signed part (RFC 5280 §4.1.2.3).');
  const serialBytes = bytesOf(tbs.serialNumber);
  if (serialBytes.length > MAX_SERIAL_BYTES)
    throw bad('The serial number is longer than 20 bytes (RFC 5280 §4.1.2.2).');
  const subjectPublicKeyInfo = encodeDer(tbs.subjectPublicKeyInfo);
  const extensions = readCertificateExtensions(tbs.extensions);
  return {
    der: der.slice(),
    tbs: envelope.tbs,
    serial: readPositiveInteger(serialBytes, 'serial number'),
    subjectCN: readCommonName(tbs.subject, 'subject'),
    issuerCN: readCommonName(tbs.issuer, 'issuer'),
    notBefore: decodeTime(tbs.validity.notBefore),
    notAfter: decodeTime(tbs.validity.notAfter),
    dnsNames: extensions.dnsNames,
    isCA: extensions.isCA,
    publicKey: decodeSubjectPublicKeyInfo(subjectPublicKeyInfo),
    signatureAlgorithm: envelope.signatureAlgorithm,
    signature: envelope.signature,
    subjectPublicKeyInfo,
    subjectName: encodeDer(tbs.subject),
    issuerName: encodeDer(tbs.issuer),
    keyUsage: extensions.keyUsage,
    extendedKeyUsage: extensions.extendedKeyUsage,
    subjectKeyId: extensions.subjectKeyId,
    authorityKeyId: extensions.authorityKeyId,
  };
}

/** Whether `issuerPublicKey` made this certificate's signature (RFC 5280 §6.1.3 (a)(1)). */
export function verifyCertificateSignature(
  certificate: Pick<ParsedCertificate, 'tbs' | 'signatureAlgorithm' | 'signature'>,
  issuerPublicKey: SubjectPublicKey,
): boolean {
  return verifySigned(certificate, issuerPublicKey);
}

/** Issuer and subject are the same name (§6.1): a root, or a certificate that vouches for itself. */
export function isSelfIssued(certificate: Pick<ParsedCertificate, 'subjectName' | 'issuerName'>): boolean {
  return equalBytes(certificate.subjectName, certificate.issuerName);
}
