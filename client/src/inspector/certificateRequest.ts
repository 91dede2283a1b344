/**
 * A certificate request (PKCS #10, RFC 2986 §4.1) read for the inspector: the name it asks for, the key it
 * carries and whether it is signed by that key — what a CA looks at before it challenges the requester.
 * @module
 */
import {
  bytesToHex,
  hexToBytes,
  parseCertificateRequest,
  type SubjectPublicKey,
  verifyRequestSignature,
} from '@handshake/shared';

export interface RequestReading {
  fields: { label: string; value: string }[];
  /** The request is signed by the private half of the key it carries (the proof of possession, §3). */
  selfSigned: boolean | null;
  error: string | null;
}

export function readCertificateRequest(hex: string): RequestReading {
  try {
    const der = hexToBytes(hex);
    const request = parseCertificateRequest(der);
    const key = request.publicKey;
    return {
      fields: [
        { label: 'Asks for (subject)', value: request.subjectCN ? `CN=${request.subjectCN}` : '(no name)' },
        { label: 'Names (subjectAltName)', value: request.dnsNames.join(', ') || '(none)' },
        { label: 'Public key algorithm', value: keyAlgorithmText(key) },
        { label: key.algorithm === 'RSA' ? 'Public key (modulus n)' : 'Public key', value: keyText(key) },
        { label: 'Signature algorithm', value: request.signatureAlgorithm },
        { label: 'Signature', value: bytesToHex(request.signature) },
      ],
      selfSigned: verifyRequestSignature(der),
      error: null,
    };
  } catch {
    return {
      fields: [],
      selfSigned: null,
      error: 'These bytes are not a certificate request this inspector can read.',
    };
  }
}

function keyAlgorithmText(key: SubjectPublicKey): string {
  if (key.algorithm === 'Ed25519') return 'Ed25519 (256-bit)';
  if (key.algorithm === 'ECDSA-P256') return 'ECDSA P-256 (256-bit)';
  return `RSA (${key.key.n.toString(2).length}-bit)`;
}

function keyText(key: SubjectPublicKey): string {
  return key.algorithm === 'RSA' ? key.key.n.toString(16) : bytesToHex(key.key);
}
