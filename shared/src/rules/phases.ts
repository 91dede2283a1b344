/** The round's phases as data: which role may make which move in each, and what the step is about. @module */
import type { MoveType } from './moves.ts';
import type { PhaseId } from './state.ts';
import type { Role } from './types.ts';

export interface PhaseSpec {
  title: string;
  /** The step of the round it belongs to, as students see it. */
  stage: 'Certificate' | 'Connection' | 'Handshake' | 'Data' | 'Aftermath' | 'Debrief';
  moves: Partial<Record<Role, readonly MoveType[]>>;
}

const WIRE_MOVES: readonly MoveType[] = [
  'forwardEnvelope',
  'dropEnvelope',
  'tamperEnvelope',
  'replayEnvelope',
  'editClientHello',
  'impersonateServer',
  'stripRedirect',
];

export const PHASES: Record<PhaseId, PhaseSpec> = {
  'certificate-request': {
    title: 'The server asks the CA for a certificate',
    stage: 'Certificate',
    moves: { server: ['requestCertificate'], eavesdropper: ['requestCertificate', 'skipCertificate'] },
  },
  'certificate-challenge': {
    title: 'The CA inspects the requests',
    stage: 'Certificate',
    moves: { ca: ['sendChallenge', 'refuseRequest'] },
  },
  'certificate-answer': {
    title: 'Prove you control the domain',
    stage: 'Certificate',
    moves: { server: ['publishChallengeAnswer'], eavesdropper: ['publishChallengeAnswer', 'skipCertificate'] },
  },
  'certificate-decision': {
    title: 'The CA issues or refuses',
    stage: 'Certificate',
    moves: { ca: ['issueCertificate', 'refuseRequest'] },
  },
  connect: { title: 'The browser opens a TCP connection', stage: 'Connection', moves: { client: ['connect'] } },
  'http-answer': { title: 'The server answers plain http', stage: 'Connection', moves: { server: ['answerHttp'] } },
  'http-page': {
    title: 'The browser shows the page',
    stage: 'Connection',
    moves: { client: ['sendSecretOverHttp', 'followRedirect', 'abortConnection'] },
  },
  'client-hello': { title: 'ClientHello', stage: 'Handshake', moves: { client: ['sendClientHello'] } },
  'server-hello': { title: 'ServerHello', stage: 'Handshake', moves: { server: ['sendServerHello'] } },
  'server-keys': { title: 'The server derives its keys', stage: 'Handshake', moves: { server: ['deriveSessionKeys'] } },
  'client-keys': { title: 'The client derives its keys', stage: 'Handshake', moves: { client: ['deriveSessionKeys'] } },
  'client-verify': {
    title: 'The client inspects the certificate',
    stage: 'Handshake',
    moves: { client: ['trustCertificate', 'abortConnection'] },
  },
  'client-key-exchange': {
    title: 'The client locks the pre-master secret',
    stage: 'Handshake',
    moves: { client: ['sendKeyExchange'] },
  },
  'client-finish': { title: 'Client Finished', stage: 'Handshake', moves: { client: ['deriveSessionKeys'] } },
  'server-finish': { title: 'Server Finished', stage: 'Handshake', moves: { server: ['deriveSessionKeys'] } },
  request: { title: 'The client sends its login', stage: 'Data', moves: { client: ['sendRequest'] } },
  reply: { title: 'The server replies', stage: 'Data', moves: { server: ['sendReply'] } },
  intercept: {
    title: 'The envelope reaches the eavesdropper first',
    stage: 'Handshake',
    moves: { eavesdropper: WIRE_MOVES },
  },
  leak: { title: 'A year later: the server key leaks', stage: 'Aftermath', moves: { eavesdropper: ['useLeakedKey'] } },
  debrief: { title: 'Debrief', stage: 'Debrief', moves: {} },
};

export function movesAllowed(phase: PhaseId, role: Role): readonly MoveType[] {
  return PHASES[phase].moves[role] ?? [];
}
