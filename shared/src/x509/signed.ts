/** The signed envelope of certificates (RFC 5280 §4.1.1) and requests (RFC 2986 §4.2): SEQUENCE { toBeSigned, AlgorithmIdentifier, BIT STRING }. @module */
import { AsnProp, AsnPropTypes, AsnType, AsnTypeTypes } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { abytes } from '../bytes/bytes.ts';
import { arrayBufferOf, bytesOf, decodeDer, encodeDer } from './der.ts';
import { assertKeyPair, type KeyPair, type SubjectPublicKey } from './keys.ts';
import {
  readSignatureAlgorithm,
  type SignatureAlgorithm,
  signatureAlgorithmFor,
  signatureAlgorithmIdentifier,
  signMessage,
  verifySignature,
} from './signature.ts';

/** The envelope with the signed part kept raw: it is verified over exactly the bytes that were signed. */
class SignedEnvelopeSchema {
  toBeSigned = new ArrayBuffer(0);
  signatureAlgorithm = new AlgorithmIdentifier();
  signature = new ArrayBuffer(0);
}
AsnType({ type: AsnTypeTypes.Sequence })(SignedEnvelopeSchema);
AsnProp({ type: AsnPropTypes.Any })(SignedEnvelopeSchema.prototype, 'toBeSigned');
AsnProp({ type: AlgorithmIdentifier })(SignedEnvelopeSchema.prototype, 'signatureAlgorithm');
AsnProp({ type: AsnPropTypes.BitString })(SignedEnvelopeSchema.prototype, 'signature');

export interface SignedEnvelope {
  /** The DER of the signed part (TBSCertificate or CertificationRequestInfo). */
  tbs: Uint8Array;
  signatureAlgorithm: SignatureAlgorithm;
  /** The outer AlgorithmIdentifier's DER, which a certificate must repeat inside its TBS (RFC 5280 §4.1.1.2). */
  signatureAlgorithmDer: Uint8Array;
  signature: Uint8Array;
}

/** Signs `tbs` with `signer` and wraps it: the DER of a whole certificate or request. */
export function sealSigned(tbs: Uint8Array, signer: KeyPair): Uint8Array {
  abytes(tbs, undefined, 'tbs');
  assertKeyPair(signer, 'signer');
  const envelope = new SignedEnvelopeSchema();
  envelope.toBeSigned = arrayBufferOf(tbs);
  envelope.signatureAlgorithm = signatureAlgorithmIdentifier(signatureAlgorithmFor(signer.algorithm));
  envelope.signature = arrayBufferOf(signMessage(signer, tbs));
  return encodeDer(envelope);
}

/** Opens the envelope without judging the signed part; `what` names the object in error sentences. */
export function openSigned(der: Uint8Array, what: string): SignedEnvelope {
  abytes(der, undefined, 'der');
  const envelope = decodeDer(der, SignedEnvelopeSchema, what);
  return {
    tbs: bytesOf(envelope.toBeSigned),
    signatureAlgorithm: readSignatureAlgorithm(envelope.signatureAlgorithm),
    signatureAlgorithmDer: encodeDer(envelope.signatureAlgorithm),
    signature: bytesOf(envelope.signature),
  };
}

/** Whether `signer` signed this certificate or request (RFC 5280 §6.1.3 (a)(1)). */
export function verifySigned(
  signed: Pick<SignedEnvelope, 'tbs' | 'signatureAlgorithm' | 'signature'>,
  signer: SubjectPublicKey,
): boolean {
  return verifySignature(signer, signed.signatureAlgorithm, signed.tbs, signed.signature);
}
