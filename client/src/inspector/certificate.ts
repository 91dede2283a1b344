/**
 * A certificate read for the inspector: its fields (RFC 5280 §4.1.2) and whether its signature checks out
 * against each certificate the viewer holds that names its issuer — the check a browser's certificate viewer does.
 * @module
 */
import {
  describeCertificate,
  hexToBytes,
  type ParsedCertificate,
  parseCertificate,
  verifyCertificateSignature,
} from '@handshake/shared';
import type { ItemView } from '../table/viewTypes.ts';

export interface CertificateReading {
  fields: { label: string; value: string }[];
  signatureChecks: { against: string; ok: boolean }[];
  error: string | null;
}

function tryParse(hex: string): ParsedCertificate | null {
  try {
    return parseCertificate(hexToBytes(hex));
  } catch {
    return null;
  }
}

export function readCertificate(hex: string, others: ItemView[]): CertificateReading {
  const certificate = tryParse(hex);
  if (!certificate)
    return { fields: [], signatureChecks: [], error: 'These bytes are not a certificate this inspector can read.' };
  const signatureChecks: CertificateReading['signatureChecks'] = [];
  for (const other of others) {
    if (other.kind !== 'certificate' && other.kind !== 'root-certificate') continue;
    const issuer = other.hex === hex ? certificate : tryParse(other.hex);
    if (!issuer || issuer.subjectCN !== certificate.issuerCN) continue;
    signatureChecks.push({
      against: other.hex === hex ? 'its own key (self-signed)' : other.label,
      ok: verifyCertificateSignature(certificate, issuer.publicKey),
    });
  }
  return {
    fields: describeCertificate(certificate).map(({ label, value }) => ({ label, value })),
    signatureChecks,
    error: null,
  };
}
