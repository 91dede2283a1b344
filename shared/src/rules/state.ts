/** The table's state: plain data that holds every secret; views copy out of it per role. @module */

import type { Tls12Connection } from '../tls12/handshake.ts';
import type {
  ClientAwaitingServerFinished,
  ClientAwaitingServerHello,
  ClientAwaitingServerKey,
} from '../tls12/handshakeClient.ts';
import type { ServerAwaitingClientKeyExchange } from '../tls12/handshakeServer.ts';
import type { ClientState } from '../tls13/client.ts';
import type { Connection } from '../tls13/connection.ts';
import type { ServerState } from '../tls13/server.ts';
import type { CertificateAuthority } from '../x509/ca.ts';
import type { KeyPair } from '../x509/keys.ts';
import type { Lock, MessageKind } from './envelopes.ts';
import type { Move } from './moves/index.ts';
import type { Scenario } from './scenarios.ts';
import type { CipherSuiteName, ProtocolMode, Role } from './types.ts';
import type { KeptSecrets } from './world/keyLog.ts';

export type Party = Role;

/** A thing in a party's pocket: a key, a certificate, a secret. */
export interface Item {
  id: string;
  kind:
    | 'signing-key'
    | 'rsa-private-key'
    | 'public-key'
    | 'certificate'
    | 'root-certificate'
    | 'key-share-private'
    | 'key-share-public'
    | 'session-keys'
    | 'pre-master-secret'
    | 'random'
    | 'login-secret';
  label: string;
  /** Whether the bytes are this party's secret (never shown to anyone else before the debrief). */
  secret: boolean;
  bytes: Uint8Array;
  /** For certificates: the DER; for keys: what they belong to. */
  note?: string;
}

export type Channel = 'wire' | 'ca-desk';
export type EnvelopeLayer = 'tcp' | 'http' | 'tls' | 'ca';
export type EnvelopeStatus = 'held' | 'delivered' | 'dropped';

/** One message in flight: what it says on the outside, and the bytes inside. */
export interface Envelope {
  id: number;
  channel: Channel;
  /** Which TLS connection it belongs to ('main' client↔server, or the two halves of a man in the middle). */
  conn: ConnId | null;
  from: Party;
  to: Party;
  /** Who really put it on the wire (differs from `from` for a forged one; revealed in the debrief). */
  sentBy: Party;
  /** What message it is: the rules read this (its label is derived from it, for display). */
  kind: MessageKind;
  /** What the message names, when its label says so: a domain, a refusal reason, a TCP port. */
  about: string | null;
  layer: EnvelopeLayer;
  /** The bytes as they travel: TLS records, an HTTP message, a DER request. */
  records: Uint8Array[];
  /** Per record: whether it is encrypted, and under which keys. */
  locks: (Lock | null)[];
  status: EnvelopeStatus;
  /** Set when the eavesdropper changed, replayed or forged it. */
  interference: 'tampered' | 'replayed' | 'edited' | 'forged' | 'stripped' | null;
  /** The state version at which it was sent. */
  sentAt: number;
}

export type ConnId = 'main' | 'mitm-client' | 'mitm-server';

export type PhaseId =
  | 'certificate-request'
  | 'certificate-challenge'
  | 'certificate-answer'
  | 'certificate-decision'
  | 'connect'
  | 'http-answer'
  | 'http-page'
  | 'client-hello'
  | 'server-hello'
  | 'server-keys'
  | 'client-keys'
  | 'client-verify'
  | 'client-key-exchange'
  | 'client-finish'
  | 'server-finish'
  | 'request'
  | 'reply'
  | 'intercept'
  | 'leak'
  | 'debrief';

/** A certificate request at the CA and how far it got. */
export interface CertificateRequestRecord {
  id: string;
  requester: Party;
  domain: string;
  requestDer: Uint8Array;
  challengeToken: string | null;
  /** What was published at the domain by whoever controls it, if anything. */
  published: string | null;
  status: 'submitted' | 'challenged' | 'answered' | 'issued' | 'refused' | 'abandoned';
  refusal: string | null;
  certificateDer: Uint8Array | null;
}

/** One entry of the round's log; `visibleTo` decides who sees it before the debrief. */
export interface LogEvent {
  at: number;
  actor: Party | 'engine';
  text: string;
  visibleTo: readonly Party[] | 'all';
}

export interface ScoreEvent {
  role: Role;
  points: number;
  reason: string;
  at: number;
}

/** Facts the round established, read by scoring and the debrief. */
export interface Outcome {
  secretReadBy: Party[];
  clientTrustedBadCertificate: boolean;
  clientRejected: string | null;
  connectionAborted: string | null;
  tamperDetectedBy: Party | null;
  sessionCompleted: boolean;
  replyDelivered: boolean;
  misIssued: boolean;
  leakDecrypted: boolean | null;
  sniSeenBy: Party[];
}

export interface TableState {
  version: number;
  scenario: Scenario;
  mode: ProtocolMode;
  /** The seed: secret until the debrief; all randomness derives from it and the version. */
  seed: Uint8Array;
  /** The world's clock (seconds since the epoch): fixed per round so certificate checks replay. */
  now: number;
  phase: PhaseId;
  /** Phase to return to when the eavesdropper has dealt with the held envelope(s). */
  resumePhase: PhaseId | null;
  awaiting: Role[];
  /**
   * The version at which the current step began (the phase last changed). Roles awaited together in a step make
   * moves that commute (each acts on its own request), so a move made against any version since then is accepted.
   */
  stepSince: number;
  pockets: Record<Party, Item[]>;
  envelopes: Envelope[];
  /**
   * Envelopes that reached their recipient during the move being applied, whose recipient has not reacted yet:
   * moves only send, and the engine lets each recipient react, in order, before the move returns (always empty between moves).
   */
  arrivals: number[];
  /** Set during a move when the connection closed or the exchange finished: the round then goes to its aftermath. */
  closing: boolean;
  requests: CertificateRequestRecord[];
  /** The round's certificate authority (its private key is the CA's secret). */
  ca: CertificateAuthority;
  /** Key pairs by item id (the private halves are secrets of the pocket that holds the item). */
  keyPairs: Record<string, KeyPair>;
  /** RSA modulus size for classic mode (2048 in play; tests may use less for speed). */
  rsaBits: number;
  /** Protocol endpoint states (private keys, traffic secrets), one slot per party and connection: never copied into a view. */
  endpoints: Partial<Record<EndpointKey, EndpointSlot>>;
  /** The sequence number each sealed application record was sealed under, by `envelopeId:recordIndex` (public: its position on the connection). */
  recordSeqs: Record<string, number>;
  /** Choices that shape later steps. */
  choices: {
    clientSuites: CipherSuiteName[] | null;
    serverSuite: CipherSuiteName | null;
    serverCertificateId: string | null;
    scheme: 'https' | 'http' | null;
    impersonating: { certificateId: string } | null;
    keyShareSwapped: boolean;
  };
  /** The client's validation report for the certificate it was shown. */
  validation: ValidationReport | null;
  log: LogEvent[];
  scores: ScoreEvent[];
  outcome: Outcome;
  /** Milliseconds each role spent choosing its accepted moves, as the caller measured them: breaks ties. */
  thinkMs: Record<Role, number>;
  /** Every accepted move, for replay and the debrief (with the thinking time the caller supplied, if any). */
  history: { role: Role; move: Move; version: number; thinkMs?: number }[];
}

export interface ValidationReport {
  certificateId: string;
  presentedName: string;
  expectedName: string;
  checks: { code: string; ok: boolean; message: string }[];
}

// ── Protocol endpoints (read and written through world/sessions.ts) ──

/** A handshake in progress, as the protocol engine of either version keeps it. */
export type HandshakeState =
  | ClientState
  | ServerState
  | ClientAwaitingServerHello
  | ClientAwaitingServerKey
  | ClientAwaitingServerFinished
  | ServerAwaitingClientKeyExchange;

/** An established connection of either protocol version. */
export type AppConnection =
  | { version: 'tls13'; connection: Connection }
  | { version: 'tls12'; connection: Tls12Connection };

/** Records that arrived and wait for their owner's next step. */
export interface Inbox {
  /** TLS 1.3 and 1.2: the ClientHello the server answers. */
  clientHello?: Uint8Array[];
  /** TLS 1.3: the server's encrypted flight, opened when the client derives its keys. */
  serverFlight?: Uint8Array[];
  /** TLS 1.2: the ClientKeyExchange, then ChangeCipherSpec and Finished, read when the server derives its keys. */
  keyExchange?: Uint8Array[];
  clientFinished?: Uint8Array[];
}

/** One party's end of one connection. Never copied into a view. */
export interface EndpointSlot {
  handshake: HandshakeState | null;
  /** As established: kept so that anyone holding it can try old records at their sequence numbers. */
  established: AppConnection | null;
  /** Now: sequence numbers advanced by every record sealed or opened. */
  live: AppConnection | null;
  inbox: Inbox;
  /** Records made but not yet released (TLS 1.3 server flight, TLS 1.2 client Finished). */
  pending: Uint8Array[] | null;
  /** The client random and traffic secrets this end ever held, for the debrief's key log (engine states drop them). */
  secrets: KeptSecrets;
}

export type EndpointKey = `${Party}:${ConnId}`;
