/** The round's phases as data: what each step is about, and where each leads after a move. @module */
import type { MoveType } from './moves/index.ts';
import type { PhaseId } from './state.ts';

export interface PhaseSpec {
  title: string;
  /** The step of the round it belongs to, as students see it. */
  stage: 'Certificate' | 'Connection' | 'Handshake' | 'Data' | 'Aftermath' | 'Debrief';
}

/** Who plays in each phase is said by the move modules (`turns`); see `movesFor` in moves/index.ts. */
export const PHASES: Record<PhaseId, PhaseSpec> = {
  'certificate-request': { title: 'The server asks the CA for a certificate', stage: 'Certificate' },
  'certificate-challenge': { title: 'The CA inspects the requests', stage: 'Certificate' },
  'certificate-answer': { title: 'Prove you control the domain', stage: 'Certificate' },
  'certificate-decision': { title: 'The CA issues or refuses', stage: 'Certificate' },
  connect: { title: 'The browser opens a TCP connection', stage: 'Connection' },
  'http-answer': { title: 'The server answers plain http', stage: 'Connection' },
  'http-page': { title: 'The browser shows the page', stage: 'Connection' },
  'client-hello': { title: 'ClientHello', stage: 'Handshake' },
  'server-hello': { title: 'ServerHello', stage: 'Handshake' },
  'server-keys': { title: 'The server derives its keys', stage: 'Handshake' },
  'client-keys': { title: 'The client derives its keys', stage: 'Handshake' },
  'client-verify': { title: 'The client inspects the certificate', stage: 'Handshake' },
  'client-key-exchange': { title: 'The client locks the pre-master secret', stage: 'Handshake' },
  'client-finish': { title: 'Client Finished', stage: 'Handshake' },
  'server-finish': { title: 'Server Finished', stage: 'Handshake' },
  request: { title: 'The client sends its login', stage: 'Data' },
  reply: { title: 'The server replies', stage: 'Data' },
  intercept: { title: 'The envelope reaches the eavesdropper first', stage: 'Handshake' },
  leak: { title: 'A year later: the server key leaks', stage: 'Aftermath' },
  debrief: { title: 'Debrief', stage: 'Debrief' },
};

/** Named facts a transition can depend on; `flow.ts` says how each is read off the state. */
export type Condition =
  | 'someoneStillToAsk'
  | 'requestSubmitted'
  | 'requestChallenged'
  | 'requestAnswered'
  | 'https'
  | 'classic'
  | 'impersonating'
  | 'downgraded'
  | 'nothingHeld';

/**
 * One way out of a phase: after a move (of type `on`, if given) for which every condition in `when` holds, the
 * round goes `to` a phase — or back to the phase it left for the eavesdropper to handle the wire ('resume').
 */
export interface Transition {
  on?: MoveType;
  when?: readonly Condition[];
  to: PhaseId | 'resume';
}

/** Side effects of entering a phase, named; `flow.ts` says what each does. */
export type EntryEffect = 'serverSelfSignsIfRefused';

/** The certificate sub-steps follow what is still open at the CA's desk, then the browser connects. */
const CERTIFICATE_NEXT: readonly Transition[] = [
  { when: ['requestSubmitted'], to: 'certificate-challenge' },
  { when: ['requestChallenged'], to: 'certificate-answer' },
  { when: ['requestAnswered'], to: 'certificate-decision' },
  { to: 'connect' },
];

/**
 * Where the round goes after a move, per phase: the first row that fits wins. Wherever it goes, envelopes the
 * eavesdropper holds come first ('intercept', resuming there after). Two ways out hold in every phase and are
 * not listed: a closed connection or a finished exchange leads to the aftermath ('leak' when the scenario leaks
 * the key and it was not used yet, else 'debrief'), and so does reaching 'debrief'.
 */
export const TRANSITIONS: Record<PhaseId, readonly Transition[]> = {
  'certificate-request': [{ when: ['someoneStillToAsk'], to: 'certificate-request' }, ...CERTIFICATE_NEXT],
  'certificate-challenge': CERTIFICATE_NEXT,
  'certificate-answer': CERTIFICATE_NEXT,
  'certificate-decision': CERTIFICATE_NEXT,
  connect: [{ when: ['https'], to: 'client-hello' }, { to: 'http-answer' }],
  'http-answer': [{ to: 'http-page' }],
  'http-page': [{ on: 'followRedirect', to: 'client-hello' }],
  'client-hello': [{ to: 'server-hello' }],
  'server-hello': [
    // Classic mode: answering a relaying eavesdropper, the server's next step is its Finished (the impostor's stack answers by itself).
    { when: ['classic', 'impersonating'], to: 'server-finish' },
    { when: ['classic'], to: 'client-verify' },
    // A ClientHello stripped of TLS 1.3 got a TLS 1.2 answer: no encrypted flight follows.
    { when: ['downgraded'], to: 'client-keys' },
    { to: 'server-keys' },
  ],
  'server-keys': [{ to: 'client-keys' }],
  'client-keys': [{ to: 'client-verify' }],
  'client-verify': [
    { on: 'trustCertificate', when: ['classic'], to: 'client-key-exchange' },
    { on: 'trustCertificate', to: 'request' },
  ],
  'client-key-exchange': [{ to: 'client-finish' }],
  // An impostor's stack answers the client's Finished by itself; the real server takes its own step.
  'client-finish': [{ when: ['impersonating'], to: 'request' }, { to: 'server-finish' }],
  // Relayed: the real client still has to decide about the impostor's certificate.
  'server-finish': [{ when: ['impersonating'], to: 'client-verify' }, { to: 'request' }],
  request: [{ to: 'reply' }],
  reply: [{ to: 'debrief' }],
  intercept: [
    { on: 'impersonateServer', to: 'server-hello' },
    { when: ['nothingHeld'], to: 'resume' },
    { to: 'intercept' },
  ],
  leak: [],
  debrief: [],
};

/** What entering a phase does besides: a site the CA turned down goes online with a certificate it signed itself. */
export const ON_ENTRY: Partial<Record<PhaseId, EntryEffect>> = { connect: 'serverSelfSignsIfRefused' };
