import { buildCertificateRequest, bytesToHex, generateEd25519KeyPair, hexToBytes, seededRng } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { readCertificateRequest } from './certificateRequest.ts';

const request = bytesToHex(
  buildCertificateRequest({
    domain: 'bank.example',
    keyPair: generateEd25519KeyPair(seededRng(new Uint8Array(32).fill(7))),
  }),
);

describe('a certificate request in the inspector', () => {
  it('reads the name it asks for and the key it carries, and checks it is signed by that key', () => {
    const reading = readCertificateRequest(request);
    expect(reading.error).toBeNull();
    expect(reading.fields).toContainEqual({ label: 'Asks for (subject)', value: 'CN=bank.example' });
    expect(reading.fields).toContainEqual({ label: 'Names (subjectAltName)', value: 'bank.example' });
    expect(reading.fields.find((f) => f.label === 'Public key algorithm')?.value).toBe('Ed25519 (256-bit)');
    expect(reading.selfSigned).toBe(true);
  });

  it('says when the signature does not match, and when the bytes are no request at all', () => {
    const bytes = hexToBytes(request);
    bytes[bytes.length - 1]! ^= 1;
    expect(readCertificateRequest(bytesToHex(bytes)).selfSigned).toBe(false);
    const junk = readCertificateRequest('3003020100');
    expect(junk.fields).toEqual([]);
    expect(junk.error).toMatch(/not a certificate request/);
  });
});
