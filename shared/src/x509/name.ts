/** Distinguished names holding one commonName (RFC 5280 §4.1.2.4 and §4.1.2.6; ub-common-name 64, App. A.1). @module */
import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';
import { CertificateError } from './errors.ts';
import { OID_COMMON_NAME } from './oids.ts';

export const MAX_COMMON_NAME_LENGTH = 64;

/** CN=`commonName` as a UTF8String, the encoding RFC 5280 §4.1.2.4 asks of new certificates. */
export function encodeCommonName(commonName: string, title: string): Name {
  const length = typeof commonName === 'string' ? [...commonName].length : 0;
  if (length < 1 || length > MAX_COMMON_NAME_LENGTH || /[\u0000-\u001f\u007f]/.test(commonName))
    throw new CertificateError(
      'INVALID_NAME',
      `${title}: a certificate name must be 1 to ${MAX_COMMON_NAME_LENGTH} printable characters.`,
    );
  const value = new AttributeValue({ utf8String: commonName });
  return new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: OID_COMMON_NAME, value })])]);
}

/** The name's commonName, or '' when it has none; two commonNames are refused as ambiguous. */
export function readCommonName(name: Name, role: string): string {
  const names = Array.from(name, (rdn) => Array.from(rdn))
    .flat()
    .filter((atv) => atv.type === OID_COMMON_NAME);
  if (names.length > 1)
    throw new CertificateError('MALFORMED', `The ${role} name holds more than one common name, which is ambiguous.`);
  return names[0]?.value.toString() ?? '';
}
