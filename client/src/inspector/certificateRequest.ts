/**
 * A certificate request (PKCS #10, RFC 2986 §4.1) read for the inspector: the name it asks for, the key it
 * carries and whether it is signed by that key — what a CA looks at before it challenges the requester.
 * @module
 */
import { bytesToHex, hexToBytes, parseCertificateRequest, verifyRequestSignature } from '@handshake/shared';

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
        {
          label: 'Public key algorithm',
          value: key.algorithm === 'Ed25519' ? 'Ed25519 (256-bit)' : `RSA (${key.key.n.toString(2).length}-bit)`,
        },
        {
          label: key.algorithm === 'Ed25519' ? 'Public key' : 'Public key (modulus n)',
          value: key.algorithm === 'Ed25519' ? bytesToHex(key.key) : key.key.n.toString(16),
        },
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
