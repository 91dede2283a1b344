/** The scenario catalogue: each a round configuration plus the eavesdropper's intent and its lesson. @module */
import type { ProtocolMode, Role } from './types.ts';

/** What the eavesdropper (bot) tries in a scenario; a human eavesdropper may try anything legal. */
export type AttackPlan =
  | 'passive'
  | 'tamper'
  | 'replay'
  | 'self-signed'
  | 'wrong-name'
  | 'expired'
  | 'replay-certificate'
  | 'lookalike'
  | 'impostor-request'
  | 'careless-ca'
  | 'key-share-mitm'
  | 'downgrade'
  | 'strip-https'
  | 'record-then-leak'
  | 'tcp-reset';

/** The certificate an impersonating eavesdropper can present, if it has one. */
export type ForgedCertificateKind =
  | 'self-signed'
  | 'wrong-name'
  | 'expired'
  | 'real-copied'
  | 'lookalike'
  | 'mis-issued';

export interface ScenarioWorld {
  /** The real site the client wants. */
  siteName: string;
  /** What the client's address bar holds: the real name, or a look-alike from a phishing link. */
  clientTypes: string;
  /** HSTS: the browser refuses plain http for the site (preloaded). */
  hsts: boolean;
  /** The first visit starts as plain http (the user typed the name without https://). */
  startsOnHttp: boolean;
  /** A careless (or compromised) CA issues without checking domain control. */
  carelessCa: boolean;
  /** The server's long-term private key leaks to the eavesdropper after the round. */
  keyLeaksAfterRound: boolean;
  /** Certificates the eavesdropper starts with in its pocket (each with the private key it has, if any). */
  eavesdropperHas: ForgedCertificateKind[];
  /** The server also speaks TLS 1.2 when a ClientHello offers no TLS 1.3 (so a version downgrade is possible). */
  serverAllowsTls12Fallback: boolean;
  /** The browser also lists TLS 1.2 suites in its ClientHello, as browsers that can fall back do. */
  browserOffersTls12: boolean;
}

export interface Scenario {
  id: string;
  number: number;
  title: string;
  /** One paragraph shown in the debrief (of a TLS 1.3 round; see `lessonFor`). */
  lesson: string;
  /** The paragraph for a classic TLS 1.2 RSA round, where it differs. */
  classicLesson?: string;
  /** The misconception the scenario targets, as a stable tag for teachers' reports. */
  misconception: string;
  /** The protocol modes it is played in; the first is the default. */
  modes: readonly ProtocolMode[];
  /** Why a scenario is not played in every mode (shown to the host). */
  modesNote?: string;
  attack: AttackPlan;
  world: ScenarioWorld;
  /** Roles a student can take in practice (every role has decisions in these). */
  roles: readonly Role[];
}

const ALL_ROLES: readonly Role[] = ['client', 'server', 'ca', 'eavesdropper'];
const TLS13: readonly ProtocolMode[] = ['tls13'];
const BOTH: readonly ProtocolMode[] = ['tls13', 'tls12-rsa'];

const baseWorld: ScenarioWorld = {
  siteName: 'bank.example',
  clientTypes: 'bank.example',
  hsts: true,
  startsOnHttp: false,
  carelessCa: false,
  keyLeaksAfterRound: false,
  eavesdropperHas: [],
  serverAllowsTls12Fallback: false,
  browserOffersTls12: false,
};

const world = (over: Partial<ScenarioWorld>): ScenarioWorld => ({ ...baseWorld, ...over });

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'happy-path',
    number: 1,
    title: 'A quiet listener on the wire',
    lesson:
      'The eavesdropper copied every envelope but could open none of the encrypted ones: the session keys were made from key shares that never travelled. Yet it still learned which site you visited, because the server name (SNI) and the certificate in TLS 1.2 travel in the clear before encryption starts. HTTPS hides what you say, not where you go.',
    classicLesson:
      'The eavesdropper copied every envelope but could open none of the encrypted ones: the pre-master secret did travel, but locked with the server’s public key, which only the server’s private key opens. Yet it still learned which site you visited, because the server name (SNI) and the whole certificate travel in the clear before encryption starts. HTTPS hides what you say, not where you go.',
    misconception: 'https-hides-destination',
    modes: BOTH,
    attack: 'passive',
    world: baseWorld,
    roles: ALL_ROLES,
  },
  {
    id: 'tampered-record',
    number: 2,
    title: 'A flipped byte',
    lesson:
      'The eavesdropper changed one byte of an encrypted record. It could not read it, and it could not fix the authentication tag either: AEAD ciphers check every byte, so the receiver noticed at once and closed the connection with an alert. Encryption in TLS also protects integrity, not only secrecy.',
    misconception: 'encryption-without-integrity',
    modes: BOTH,
    attack: 'tamper',
    world: baseWorld,
    roles: ALL_ROLES,
  },
  {
    id: 'replayed-record',
    number: 3,
    title: 'Say it again',
    lesson:
      'The eavesdropper sent a perfect copy of an encrypted record a second time. Every record is sealed with its sequence number in the nonce, so the copy did not open at its new position and the server refused it. A valid ciphertext is only valid once, in its place.',
    classicLesson:
      'The eavesdropper sent a perfect copy of an encrypted record a second time. In TLS 1.2 every record’s GCM tag covers its sequence number (part of the additional data), so the copy did not authenticate at its new position and the server refused it. A valid ciphertext is only valid once, in its place.',
    misconception: 'replay-of-valid-ciphertext',
    modes: BOTH,
    attack: 'replay',
    world: baseWorld,
    roles: ALL_ROLES,
  },
  {
    id: 'self-signed',
    number: 4,
    title: 'A certificate that vouches for itself',
    lesson:
      'The eavesdropper answered in the server’s place with a certificate it signed itself. Anyone can make one, which is why browsers trust a certificate only when its signature chains up to a root in their trust store. A self-signed certificate for someone else’s name is the mark of a man in the middle.',
    misconception: 'any-certificate-is-proof',
    modes: BOTH,
    attack: 'self-signed',
    world: world({ eavesdropperHas: ['self-signed'] }),
    roles: ALL_ROLES,
  },
  {
    id: 'wrong-name',
    number: 5,
    title: 'The right signature on the wrong name',
    lesson:
      'The eavesdropper presented a genuine certificate — for its own site. The signature was fine, but a certificate only vouches for the names inside it. The browser must compare them with the name it wanted to reach.',
    misconception: 'valid-signature-means-right-site',
    modes: BOTH,
    attack: 'wrong-name',
    world: world({ eavesdropperHas: ['wrong-name'] }),
    roles: ALL_ROLES,
  },
  {
    id: 'expired',
    number: 6,
    title: 'Last year’s certificate',
    lesson:
      'The eavesdropper got hold of an old certificate for bank.example and the private key that went with it. Certificates expire so that a key lost or stolen long ago cannot be used forever: the browser checks the validity dates against its clock.',
    misconception: 'certificates-last-forever',
    modes: BOTH,
    attack: 'expired',
    world: world({ eavesdropperHas: ['expired'] }),
    roles: ALL_ROLES,
  },
  {
    id: 'copied-certificate',
    number: 7,
    title: 'A copied certificate',
    lesson:
      'The eavesdropper replayed the bank’s real certificate, which anyone can copy off the wire. But a certificate is public: what proves identity is the signature made with the matching private key (CertificateVerify in TLS 1.3, decrypting the key exchange in TLS 1.2), and the eavesdropper does not have that key.',
    misconception: 'certificate-is-secret',
    modes: BOTH,
    attack: 'replay-certificate',
    world: world({ eavesdropperHas: ['real-copied'] }),
    roles: ALL_ROLES,
  },
  {
    id: 'lookalike',
    number: 8,
    title: 'bank-example.com',
    lesson:
      'A phishing link led to a look-alike domain that the eavesdropper really owns, with a perfectly valid certificate from a real CA. Every check passed and the padlock showed. The padlock says “private”, not “trustworthy”: only reading the name tells you who you are talking to.',
    misconception: 'padlock-means-trustworthy',
    modes: BOTH,
    attack: 'lookalike',
    world: world({ clientTypes: 'bank-example.com', eavesdropperHas: ['lookalike'] }),
    roles: ALL_ROLES,
  },
  {
    id: 'impostor-request',
    number: 9,
    title: 'An impostor at the CA',
    lesson:
      'The eavesdropper asked the CA for a certificate for bank.example. Its request was well formed and signed with its own key — but the CA asked for proof of control of the domain, and only whoever really runs bank.example could publish the answer there. Domain validation is what stops anyone from getting a certificate for any name.',
    misconception: 'ca-issues-to-anyone',
    modes: BOTH,
    attack: 'impostor-request',
    world: baseWorld,
    roles: ALL_ROLES,
  },
  {
    id: 'careless-ca',
    number: 10,
    title: 'A careless CA',
    lesson:
      'The CA skipped the domain check and issued bank.example to the impostor. With that certificate the eavesdropper could sit silently in the middle: every check in the browser passed, because the browser trusts the CA completely. This is why Certificate Transparency logs every certificate publicly, so that a mis-issued one can be spotted by the real owner.',
    misconception: 'trust-store-is-infallible',
    modes: BOTH,
    attack: 'careless-ca',
    world: world({ carelessCa: true }),
    roles: ALL_ROLES,
  },
  {
    id: 'key-share-mitm',
    number: 11,
    title: 'Swapping the key shares',
    lesson:
      'The eavesdropper replaced the client’s key share with its own, so the server computed keys the eavesdropper also knew. But the client’s keys came from a different exchange, so nothing the server sent would open, and the server’s signature covered a transcript the client never saw. Diffie–Hellman alone is not enough: the signed transcript ties the key exchange to the certificate.',
    misconception: 'key-exchange-is-authenticated',
    modes: TLS13,
    modesNote:
      'TLS 1.3 only: classic RSA key transport has no key shares to swap. Its equivalent attack — answering in the server’s place — is scenarios 4 to 7.',
    attack: 'key-share-mitm',
    world: baseWorld,
    roles: ALL_ROLES,
  },
  {
    id: 'downgrade',
    number: 12,
    title: 'Downgrade',
    lesson:
      'The eavesdropper edited the ClientHello to remove the strongest options. The ClientHello is not encrypted, but it is in the transcript that both sides hash into their keys and Finished messages, and a TLS 1.3 server that is pushed to TLS 1.2 says so in its random (the downgrade sentinel). The edit was caught.',
    misconception: 'hello-can-be-edited-unnoticed',
    modes: TLS13,
    modesNote:
      'TLS 1.3 only: the lesson is the TLS 1.3 downgrade sentinel and the signed transcript; the classic engine speaks a single suite and version, so there is nothing to downgrade to.',
    attack: 'downgrade',
    world: world({ serverAllowsTls12Fallback: true, browserOffersTls12: true }),
    roles: ALL_ROLES,
  },
  {
    id: 'ssl-stripping',
    number: 13,
    title: 'The first visit over http',
    lesson:
      'The user typed the name without https://, so the first request went out in plain http. The eavesdropper swallowed the server’s redirect to https and kept the browser on plain http, where the password travelled in the clear. HSTS (a header the site sends, or a list built into the browser) makes the browser refuse plain http for the site — but only from the moment it knows.',
    misconception: 'https-is-automatic',
    modes: BOTH,
    attack: 'strip-https',
    world: world({ hsts: false, startsOnHttp: true }),
    roles: ALL_ROLES,
  },
  {
    id: 'key-leak',
    number: 14,
    title: 'The key leaks a year later',
    lesson:
      'The eavesdropper recorded the encrypted round and later got the server’s long-term private key (think Heartbleed). In TLS 1.3 that key only ever signed: the session keys came from ephemeral key shares that were thrown away, so the leak opened nothing in the recording. Play the same round in classic RSA mode and the same leak decrypts everything, because there the pre-master secret travelled locked with that very key. That property is forward secrecy.',
    classicLesson:
      'The eavesdropper recorded the encrypted round and later got the server’s long-term private key (think Heartbleed). With classic RSA key transport the pre-master secret was locked with that very key: the leaked key opened the recorded ClientKeyExchange, the pre-master secret and the two public randoms gave the master secret, and the whole recording — the login included — decrypted a year later. Play the same round in TLS 1.3 and the same leak opens nothing, because its session keys came from ephemeral key shares that were thrown away. That property is forward secrecy.',
    misconception: 'no-forward-secrecy-awareness',
    modes: ['tls12-rsa', 'tls13'],
    attack: 'record-then-leak',
    world: world({ keyLeaksAfterRound: true }),
    roles: ALL_ROLES,
  },
  {
    id: 'forged-reset',
    number: 15,
    title: 'A forged reset',
    lesson:
      'The eavesdropper could not read the login or change a byte of it without being caught, but it could stop it: it swallowed the envelope and sent both sides a TCP reset. TCP segments carry no authentication, so anyone on the path can forge one. TLS protects what is said and who says it, not whether the conversation can happen.',
    misconception: 'tls-prevents-blocking',
    modes: BOTH,
    attack: 'tcp-reset',
    world: baseWorld,
    roles: ALL_ROLES,
  },
];

/** The debrief paragraph for a round of `scenario` played in `mode`. */
export function lessonFor(scenario: Scenario, mode: ProtocolMode): string {
  return mode === 'tls12-rsa' ? (scenario.classicLesson ?? scenario.lesson) : scenario.lesson;
}

/** Which scenarios can be played in a mode and a role: the host's menu and practice mode read this. */
export function playableScenarios(mode: ProtocolMode, role?: Role): Scenario[] {
  return SCENARIOS.filter((s) => s.modes.includes(mode) && (role === undefined || s.roles.includes(role)));
}

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
