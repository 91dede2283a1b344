/** DNS names in certificates (RFC 5280 §4.2.1.6, RFC 1034 §3.5) and matching them to a host (RFC 6125 §6.4). @module */

/** A letter-digit-hyphen label of 1–63 characters (RFC 1034 §3.5, RFC 5890 §2.3.1). */
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_NAME_LENGTH = 253;

/** Lower case without a trailing root dot: DNS names compare case-insensitively (RFC 6125 §6.4.1). */
export function normalizeDnsName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

export function isWildcardName(name: string): boolean {
  return name.startsWith('*.');
}

/**
 * Whether `name` may appear as a dNSName: ASCII LDH labels (IDNs as A-labels), no trailing dot.
 * With `allowWildcard`, a `*` may form the whole left-most label of a name of at least three labels.
 */
export function isValidDnsName(name: string, options: { allowWildcard?: boolean } = {}): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) return false;
  const labels = name.toLowerCase().split('.');
  if (options.allowWildcard && labels[0] === '*') {
    labels.shift();
    if (labels.length < 2) return false; // "*.example" would cover a whole top-level domain
  }
  return labels.every((label) => LDH_LABEL.test(label));
}

/**
 * RFC 6125 §6.4: does the presented identifier (a certificate's dNSName) cover the host the user
 * asked for? Case-insensitive; a wildcard is the whole left-most label and stands for exactly one
 * label (§6.4.3), so `*.shop.example` covers `www.shop.example` but not `shop.example` or `a.b.shop.example`.
 */
export function dnsNameMatches(presented: string, reference: string): boolean {
  const host = normalizeDnsName(reference);
  const pattern = presented.toLowerCase();
  if (!isValidDnsName(host) || !isValidDnsName(pattern, { allowWildcard: true })) return false;
  if (!isWildcardName(pattern)) return pattern === host;
  const firstDot = host.indexOf('.');
  return firstDot > 0 && host.slice(firstDot + 1) === pattern.slice(2);
}
