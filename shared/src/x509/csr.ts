/** PKCS #10 certification requests (RFC 2986) for one domain, with a subjectAltName extensionRequest (RFC 2985 §5.4.2). @module */
import { Attributes, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Attribute, Extensions, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { abytes } from '../bytes/bytes.ts';
import { arrayBufferOf, decodeDer, encodeDer } from './der.ts';
import { isValidDnsName } from './dnsName.ts';
import { CertificateError } from './errors.ts';
import { readCertificateExtensions, subjectAltNameExtension } from './extensions.ts';
import {
  assertKeyPair,
  decodeSubjectPublicKeyInfo,
  encodeSubjectPublicKeyInfo,
  type KeyPair,
  publicKeyOf,
  type SubjectPublicKey,
} from './keys.ts';
import { encodeCommonName, readCommonName } from './name.ts';
import { OID_EXTENSION_REQUEST } from './oids.ts';
import { rememberedParse } from './parsedCache.ts';
import type { Refusal } from './refusal.ts';
import type { SignatureAlgorithm } from './signature.ts';
import { openSigned, sealSigned, verifySigned } from './signed.ts';

export interface CertificateRequestParams {
  /** The one DNS name asked for (a wildcard is allowed here; CAs decide). At most 64 characters, as it is also the CN. */
  domain: string;
  /** The requester's key pair: its public half goes in the request, its private half signs it. */
  keyPair: KeyPair;
}

export interface ParsedCertificateRequest {
  der: Uint8Array;
  /** The signed CertificationRequestInfo DER (RFC 2986 §4.1). */
  info: Uint8Array;
  subjectCN: string;
  /** dNSNames from the extensionRequest's subjectAltName. */
  dnsNames: string[];
  publicKey: SubjectPublicKey;
  subjectPublicKeyInfo: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  signature: Uint8Array;
}

/** A request signed with its own key, which is the proof that the requester holds that key (RFC 2986 §3). */
export function buildCertificateRequest(params: CertificateRequestParams): Uint8Array {
  const { domain, keyPair } = params;
  if (!isValidDnsName(domain, { allowWildcard: true }))
    throw new CertificateError('INVALID_NAME', `"${domain}" is not a domain name a certificate can carry.`);
  assertKeyPair(keyPair, 'keyPair');
  const name = domain.toLowerCase();
  const extensionRequest = new Attribute({
    type: OID_EXTENSION_REQUEST,
    values: [arrayBufferOf(encodeDer(new Extensions([subjectAltNameExtension([name])])))],
  });
  const info = new CertificationRequestInfo({
    version: 0, // v1 (RFC 2986 §4.1)
    subject: encodeCommonName(name, 'domain'),
    subjectPKInfo: AsnConvert.parse(encodeSubjectPublicKeyInfo(publicKeyOf(keyPair)), SubjectPublicKeyInfo),
    attributes: new Attributes([extensionRequest]),
  });
  return sealSigned(encodeDer(info), keyPair);
}

/** Reads a DER request strictly (DER, version 1, Ed25519 or RSA key); does not check its signature. */
export const parseCertificateRequest: (der: Uint8Array) => ParsedCertificateRequest = rememberedParse(readRequestDer);

function readRequestDer(der: Uint8Array): ParsedCertificateRequest {
  abytes(der, undefined, 'der');
  const envelope = openSigned(der, 'certificate request');
  const info = decodeDer(envelope.tbs, CertificationRequestInfo, 'certificate request');
  if (info.version !== 0)
    throw new CertificateError('MALFORMED', 'This certificate request has an unknown version (RFC 2986 §4.1).');
  const subjectPublicKeyInfo = encodeDer(info.subjectPKInfo);
  return {
    der: der.slice(),
    info: envelope.tbs,
    subjectCN: readCommonName(info.subject, 'requested'),
    dnsNames: readRequestedNames(info.attributes ?? []),
    publicKey: decodeSubjectPublicKeyInfo(subjectPublicKeyInfo),
    subjectPublicKeyInfo,
    signatureAlgorithm: envelope.signatureAlgorithm,
    signature: envelope.signature,
  };
}

/** `parseCertificateRequest` for a CA: an unreadable request becomes a MALFORMED_REQUEST refusal. */
export function readCertificateRequest(
  der: Uint8Array,
): { ok: true; request: ParsedCertificateRequest } | { ok: false; refusal: Refusal } {
  try {
    return { ok: true, request: parseCertificateRequest(der) };
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    return {
      ok: false,
      refusal: { code: 'MALFORMED_REQUEST', reason: `The certificate request could not be read. ${error.message}` },
    };
  }
}

/** True only if the request is signed by the private half of the key it carries (RFC 2986 §3 step 3). */
export function verifyRequestSignature(requestDer: Uint8Array): boolean {
  const request = parseCertificateRequest(requestDer);
  return verifySigned({ ...request, tbs: request.info }, request.publicKey);
}

/**
 * The single domain a request asks for: its one subjectAltName, or its CN when it has none; null
 * when it asks for several names or when CN and subjectAltName disagree.
 */
export function requestedDomain(request: Pick<ParsedCertificateRequest, 'subjectCN' | 'dnsNames'>): string | null {
  const { subjectCN, dnsNames } = request;
  if (dnsNames.length === 0) return isValidDnsName(subjectCN, { allowWildcard: true }) ? subjectCN.toLowerCase() : null;
  const [name] = dnsNames;
  if (dnsNames.length !== 1 || name === undefined) return null;
  if (subjectCN !== '' && subjectCN.toLowerCase() !== name.toLowerCase()) return null;
  return name.toLowerCase();
}

function readRequestedNames(attributes: readonly Attribute[]): string[] {
  const requests = attributes.filter((attribute) => attribute.type === OID_EXTENSION_REQUEST);
  if (requests.length === 0) return [];
  const [request] = requests;
  if (requests.length > 1 || request?.values.length !== 1)
    throw new CertificateError('MALFORMED', 'This certificate request lists its wanted extensions more than once.');
  const extensions = decodeDer(new Uint8Array(request.values[0]!), Extensions, 'certificate request');
  return readCertificateExtensions(extensions).dnsNames;
}
