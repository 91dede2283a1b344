/** What an envelope is, as typed data: its message kind and the locks on its records. Labels are derived, for display only. @module */

/** Every kind of message that travels in the game: rules branch on these, never on the words shown for them. */
export const MESSAGE_KINDS = [
  // TCP's three-way handshake (RFC 9293 §3.5)
  'tcp-syn',
  'tcp-syn-ack',
  'tcp-ack',
  // Plain http
  'http-get',
  'http-redirect',
  'http-page',
  'http-login',
  // TLS 1.3 (RFC 8446 §2) and classic TLS 1.2 (RFC 5246 §7.3)
  'client-hello',
  'server-hello',
  'server-flight-tls13',
  'client-finished-tls13',
  'server-flight-tls12',
  'client-key-exchange',
  'finished-tls12',
  // A fatal alert (RFC 8446 §6, RFC 5246 §7.2): the stack that sends it closes the connection
  'alert',
  // Application data, sealed with the session keys
  'login',
  'reply',
  // At the CA's desk
  'certificate-request',
  'domain-challenge',
  'certificate',
  'refusal',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** The keys a record can be sealed under: TLS 1.3's two epochs, and TLS 1.2's one set of session keys. */
export const LOCKS = ['handshake-keys', 'application-keys', 'session-keys'] as const;
export type Lock = (typeof LOCKS)[number];

const LOCK_LABELS: Record<Lock, string> = {
  'handshake-keys': 'handshake keys',
  'application-keys': 'application keys',
  'session-keys': 'session keys',
};

/** The words shown for a lock (null: the record travels in the clear). */
export function lockLabel(lock: Lock | null): string | null {
  return lock === null ? null : LOCK_LABELS[lock];
}

/** What the envelope names, for its label (a domain, a refusal reason, a TCP port, an alert), and whether it is sealed. */
type LabelOf = (about: string | null, sealed: boolean) => string;

const KIND_LABELS: Record<MessageKind, LabelOf> = {
  'tcp-syn': (port) => `TCP SYN (port ${port})`,
  'tcp-syn-ack': (port) => `TCP SYN-ACK (port ${port})`,
  'tcp-ack': (port) => `TCP ACK (port ${port})`,
  'http-get': () => 'HTTP GET / (plain http)',
  'http-redirect': () => 'HTTP 301 → https',
  'http-page': () => 'HTTP 200 login page (plain http)',
  'http-login': () => 'HTTP POST /login (plain http)',
  'client-hello': () => 'ClientHello',
  'server-hello': () => 'ServerHello',
  'server-flight-tls13': () => 'EncryptedExtensions, Certificate, CertificateVerify, Finished',
  'client-finished-tls13': () => 'Finished',
  'server-flight-tls12': () => 'ServerHello, Certificate, ServerHelloDone',
  'client-key-exchange': () => 'ClientKeyExchange',
  'finished-tls12': () => 'ChangeCipherSpec, Finished',
  alert: (name, sealed) => `Alert: ${name} (fatal${sealed ? ', encrypted' : ''})`,
  login: () => 'HTTP POST /login (encrypted)',
  reply: () => 'HTTP 200 Welcome (encrypted)',
  'certificate-request': (domain) => `Certificate request for ${domain}`,
  'domain-challenge': (domain) => `Challenge: publish a token at ${domain}`,
  certificate: (domain) => `Certificate for ${domain}`,
  refusal: (reason) => `Refused: ${reason}`,
};

/** The words shown for an envelope: its kind, what it names, whether it is sealed, and whether it is a replayed copy. */
export function envelopeLabel(envelope: {
  kind: MessageKind;
  about: string | null;
  interference: string | null;
  locks?: readonly (Lock | null)[];
}): string {
  const label = KIND_LABELS[envelope.kind](envelope.about, envelope.locks?.some((lock) => lock !== null) ?? false);
  return envelope.interference === 'replayed' ? `${label} (copy)` : label;
}
