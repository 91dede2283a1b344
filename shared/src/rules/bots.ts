/** Bots for every role, driven by legalMoves: honest parties, a careless client, a sloppy CA, and each scenario's eavesdropper. @module */
import { heldEnvelopes } from './context.ts';
import { mayIssue } from './handlers/certificate.ts';
import { legalMoves } from './legal.ts';
import type { Move, MoveInput } from './moves.ts';
import type { TableState } from './state.ts';
import type { Role } from './types.ts';
import { correctKeyFor, correctPieces } from './world/answers.ts';

export type Personality = 'honest' | 'careless';

/** A legal move for a bot in `role`, or null when it has nothing to do. */
export function botMove(state: TableState, role: Role, personality: Personality = 'honest'): MoveInput | null {
  const options = legalMoves(state, role);
  if (options.length === 0) return null;
  const move = choose(
    state,
    role,
    personality,
    options.map((o) => o.move).filter((m): m is Move => m !== undefined),
  );
  return move ? { version: state.version, move } : null;
}

/** What is played for a human who let the step's time run out: what an honest bot would do. */
export function timeoutMove(state: TableState, role: Role): MoveInput | null {
  return botMove(state, role, 'honest');
}

const pick = <T extends Move['type']>(
  ready: Move[],
  type: T,
  where: (m: Extract<Move, { type: T }>) => boolean = () => true,
) => ready.find((m): m is Extract<Move, { type: T }> => m.type === type && where(m as Extract<Move, { type: T }>));

function choose(state: TableState, role: Role, personality: Personality, ready: Move[]): Move | null {
  const w = state.scenario.world;
  switch (state.phase) {
    case 'certificate-request':
      if (role === 'server') return { type: 'requestCertificate', domain: w.siteName };
      if (state.scenario.attack === 'impostor-request' || state.scenario.attack === 'careless-ca')
        return { type: 'requestCertificate', domain: w.siteName };
      if (state.scenario.attack === 'lookalike') return { type: 'requestCertificate', domain: w.clientTypes };
      return { type: 'skipCertificate' };
    case 'certificate-challenge':
      return pick(ready, 'sendChallenge') ?? null;
    case 'certificate-answer':
      return pick(ready, 'publishChallengeAnswer') ?? { type: 'skipCertificate' };
    case 'certificate-decision': {
      const request = state.requests.find((q) => q.status === 'answered')!;
      return mayIssue(state, request)
        ? { type: 'issueCertificate', requestId: request.id }
        : { type: 'refuseRequest', requestId: request.id, reason: 'DOMAIN_NOT_VERIFIED' };
    }
    case 'connect':
      return { type: 'connect', scheme: w.startsOnHttp ? 'http' : 'https' };
    case 'http-answer':
      return { type: 'answerHttp', answer: 'redirect-to-https' };
    case 'http-page':
      return (
        pick(ready, 'followRedirect') ??
        (personality === 'careless' ? { type: 'sendSecretOverHttp' } : { type: 'abortConnection', reason: 'NOT_HTTPS' })
      );
    case 'client-hello':
      return {
        type: 'sendClientHello',
        cipherSuites:
          state.mode === 'tls13'
            ? ['TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256']
            : ['TLS_RSA_WITH_AES_128_GCM_SHA256'],
      };
    case 'server-hello': {
      const suite = state.choices.clientSuites?.[0] ?? 'TLS_AES_128_GCM_SHA256';
      const cert =
        state.pockets.server.find((i) => i.id === 'server-certificate') ??
        state.pockets.server.find((i) => i.kind === 'certificate');
      return cert ? { type: 'sendServerHello', cipherSuite: suite, certificateId: cert.id } : null;
    }
    case 'server-keys':
    case 'client-keys':
    case 'client-finish':
    case 'server-finish':
      return { type: 'deriveSessionKeys', pieces: correctPieces(state, role) };
    case 'client-verify': {
      const failing = state.validation?.checks.find((c) => !c.ok);
      if (personality === 'careless' || (!failing && w.clientTypes === w.siteName)) return { type: 'trustCertificate' };
      return { type: 'abortConnection', reason: (failing?.code as 'EXPIRED') ?? 'LOOKALIKE_NAME' };
    }
    case 'client-key-exchange':
      return { type: 'sendKeyExchange', lockWith: correctKeyFor(state, role) };
    case 'request':
      return { type: 'sendRequest', lockWith: correctKeyFor(state, role) };
    case 'reply':
      return { type: 'sendReply', lockWith: correctKeyFor(state, role) };
    case 'intercept':
      return eavesdropperOnWire(state, ready);
    case 'leak':
      return { type: 'useLeakedKey' };
    default:
      return null;
  }
}

const ATTACK_CERTIFICATE: Partial<Record<string, string>> = {
  'self-signed': 'forged-self-signed',
  'wrong-name': 'own-site-certificate',
  expired: 'expired-certificate',
  'replay-certificate': 'copied-server-certificate',
};

function eavesdropperOnWire(state: TableState, ready: Move[]): Move | null {
  const envelope = heldEnvelopes(state)[0];
  if (!envelope) return null;
  const attack = state.scenario.attack;
  const forward: Move = { type: 'forwardEnvelope', envelopeId: envelope.id };
  if (envelope.kind === 'client-hello') {
    const certId =
      ATTACK_CERTIFICATE[attack] ??
      (attack === 'lookalike' || attack === 'careless-ca'
        ? state.pockets.eavesdropper.find((i) => i.id.startsWith('eavesdropper-certificate-'))?.id
        : undefined);
    if (certId) return pick(ready, 'impersonateServer', (m) => m.certificateId === certId) ?? forward;
    if (attack === 'downgrade')
      return pick(ready, 'editClientHello', (m) => m.edit === 'strip-supported-versions') ?? forward;
    if (attack === 'key-share-mitm')
      return pick(ready, 'editClientHello', (m) => m.edit === 'substitute-key-share') ?? forward;
  }
  if (attack === 'tamper' && envelope.kind === 'login') return { type: 'tamperEnvelope', envelopeId: envelope.id };
  if (attack === 'replay' && envelope.kind === 'reply') {
    const request = state.envelopes.find((e) => e.kind === 'login' && e.status === 'delivered');
    if (request) return { type: 'replayEnvelope', envelopeId: envelope.id, copyOf: request.id };
  }
  if (attack === 'strip-https' && envelope.kind === 'http-redirect')
    return { type: 'stripRedirect', envelopeId: envelope.id };
  return forward;
}
