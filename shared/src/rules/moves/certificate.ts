/** Certificate phase: requests, domain challenges, issuance and refusal. @module */

import * as v from 'valibot';
import { buildCertificate, randomSerial } from '../../x509/certificate.ts';
import { publicKeyOf } from '../../x509/keys.ts';
import { give, log, moveRng, send } from '../context.ts';
import { award, POINTS } from '../scoring.ts';
import type { CertificateRequestRecord, Party, TableState } from '../state.ts';
import { err, ok, type Result, type Role } from '../types.ts';
import { controlsDomain, keyItemFor, requestableDomains } from '../world/domains.ts';
import * as pki from '../world/pki.ts';
import { Domain, Id, moveSchema } from './fields.ts';
import { defineMove, pick, ready } from './spec.ts';

const DAY = 86_400;

/** Reasons a CA may give for refusing a certificate request. */
export const REFUSAL_REASONS = ['BAD_REQUEST_SIGNATURE', 'DOMAIN_NOT_VERIFIED', 'NAME_NOT_ALLOWED'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const REFUSAL_LABELS: Record<RefusalReason, string> = {
  DOMAIN_NOT_VERIFIED: 'Domain control not proven',
  BAD_REQUEST_SIGNATURE: 'The request’s signature is wrong',
  NAME_NOT_ALLOWED: 'This name is not allowed',
};

export const RequestCertificateMove = moveSchema('requestCertificate', { domain: Domain });
export const SkipCertificateMove = moveSchema('skipCertificate', {});
export const SendChallengeMove = moveSchema('sendChallenge', { requestId: Id });
export const PublishChallengeAnswerMove = moveSchema('publishChallengeAnswer', { requestId: Id });
export const IssueCertificateMove = moveSchema('issueCertificate', { requestId: Id });
export const RefuseRequestMove = moveSchema('refuseRequest', { requestId: Id, reason: v.picklist(REFUSAL_REASONS) });
type M<S extends v.GenericSchema> = v.InferOutput<S>;

function requestCertificateApply(state: TableState, role: Role, move: M<typeof RequestCertificateMove>): Result<void> {
  if (!requestableDomains(state, role).includes(move.domain))
    return err('ILLEGAL_CHOICE', `You can ask for one of: ${requestableDomains(state, role).join(', ')}.`);
  const rng = moveRng(state, 'request');
  const key = keyItemFor(state, role, rng);
  const requestDer = pki.buildRequest(move.domain, state.keyPairs[key]!);
  const id = `request-${state.requests.length + 1}`;
  state.requests.push({
    id,
    requester: role,
    domain: move.domain,
    requestDer,
    challengeToken: null,
    published: null,
    status: 'submitted',
    refusal: null,
    certificateDer: null,
  });
  send(state, {
    channel: 'ca-desk',
    conn: null,
    from: role,
    to: 'ca',
    kind: 'certificate-request',
    about: move.domain,
    layer: 'ca',
    records: [requestDer],
    locks: [null],
  });
  log(state, role, `${nameOf(role)} asked the CA for a certificate for ${move.domain}.`, [role, 'ca']);
  return ok(undefined);
}

function skipCertificateApply(state: TableState, role: Role): Result<void> {
  if (state.phase === 'certificate-answer') {
    for (const q of state.requests) if (q.requester === role && q.status === 'challenged') q.status = 'abandoned';
  }
  log(state, role, `${nameOf(role)} did not go to the CA.`, [role]);
  return ok(undefined);
}

function sendChallengeApply(state: TableState, _role: Role, move: M<typeof SendChallengeMove>): Result<void> {
  const q = openRequest(state, move.requestId, 'submitted');
  if (!q.ok) return q;
  const request = q.value;
  request.challengeToken = pki.newChallengeToken(moveRng(state, 'challenge'), request.requestDer);
  request.status = 'challenged';
  send(state, {
    channel: 'ca-desk',
    conn: null,
    from: 'ca',
    to: request.requester,
    kind: 'domain-challenge',
    about: request.domain,
    layer: 'ca',
    records: [new TextEncoder().encode(request.challengeToken)],
    locks: [null],
  });
  log(state, 'ca', `The CA asked the requester of ${request.domain} to prove control of the domain.`, [
    'ca',
    request.requester,
  ]);
  return ok(undefined);
}

function publishChallengeAnswerApply(
  state: TableState,
  role: Role,
  move: M<typeof PublishChallengeAnswerMove>,
): Result<void> {
  const q = openRequest(state, move.requestId, 'challenged');
  if (!q.ok) return q;
  const request = q.value;
  if (request.requester !== role) return err('UNKNOWN_REQUEST', 'That request is not yours.');
  // What the CA will find at the domain is decided by who really controls it.
  const answer = pki.challengeAnswer(request.challengeToken!, request.requestDer);
  if (controlsDomain(state, role, request.domain)) {
    request.published = answer;
    log(state, role, `${nameOf(role)} published the challenge answer at ${request.domain}.`, [role, 'ca']);
  } else {
    log(
      state,
      role,
      `${nameOf(role)} tried to publish the answer, but does not control ${request.domain}: nothing appeared there.`,
      [role],
    );
  }
  request.status = 'answered';
  return ok(undefined);
}

function issueCertificateApply(state: TableState, _role: Role, move: M<typeof IssueCertificateMove>): Result<void> {
  const q = decidableRequest(state, move.requestId);
  if (!q.ok) return q;
  const request = q.value;
  const verified = domainCheckPassed(request);
  if (!mayIssue(state, request))
    return err(
      'ILLEGAL_CHOICE',
      'The domain check failed: an honest CA cannot issue this. Refuse it (in the careless-CA scenario you could skip the check).',
    );
  const issued = pki.issue(moveRng(state, 'issue'), state.ca, request.requestDer, state.now, {
    careless: state.scenario.world.carelessCa,
    token: request.challengeToken,
    published: request.published,
  });
  if (!issued.ok) return err('ILLEGAL_CHOICE', `The CA's own checks refuse this request: ${issued.refusal.reason}`);
  const der = issued.certificateDer;
  request.status = 'issued';
  request.certificateDer = der;
  const id = request.requester === 'server' ? 'server-certificate' : `eavesdropper-certificate-${request.id}`;
  give(state, request.requester, {
    id,
    kind: 'certificate',
    label: `Certificate for ${request.domain} (signed by the CA)`,
    secret: false,
    bytes: der,
  });
  if (request.requester === 'server') {
    // A certificate is public: anyone who connects to the site can copy it.
    give(state, 'eavesdropper', {
      id: 'copied-server-certificate',
      kind: 'certificate',
      label: `A copy of ${request.domain}'s real certificate (no private key)`,
      secret: false,
      bytes: der,
    });
  }
  send(state, {
    channel: 'ca-desk',
    conn: null,
    from: 'ca',
    to: request.requester,
    kind: 'certificate',
    about: request.domain,
    layer: 'ca',
    records: [der],
    locks: [null],
  });
  if (verified) {
    award(state, 'ca', POINTS.caCorrectIssuance, `Issued ${request.domain} after checking domain control.`);
    log(state, 'ca', `The CA checked the domain and issued a certificate for ${request.domain}.`);
  } else {
    state.outcome.misIssued = true;
    award(state, 'ca', POINTS.caMisIssuance, `Issued ${request.domain} to someone who never proved control of it.`);
    log(state, 'ca', `The CA issued a certificate for ${request.domain} without a passing domain check.`, [
      'ca',
      request.requester,
    ]);
  }
  return ok(undefined);
}

function refuseRequestApply(state: TableState, _role: Role, move: M<typeof RefuseRequestMove>): Result<void> {
  const request = state.requests.find((q) => q.id === move.requestId);
  if (!request || !['submitted', 'answered'].includes(request.status))
    return err('UNKNOWN_REQUEST', 'There is no open request with that id.');
  const verified = request.status === 'answered' && domainCheckPassed(request);
  request.status = 'refused';
  request.refusal = move.reason;
  send(state, {
    channel: 'ca-desk',
    conn: null,
    from: 'ca',
    to: request.requester,
    kind: 'refusal',
    about: move.reason,
    layer: 'ca',
    records: [new TextEncoder().encode(move.reason)],
    locks: [null],
  });
  const honestRequest = controlsDomain(state, request.requester, request.domain);
  if (!honestRequest || (request.status === 'refused' && !verified && request.challengeToken !== null)) {
    award(state, 'ca', POINTS.caCorrectRefusal, `Refused ${request.domain} to a requester that did not prove control.`);
  }
  log(state, 'ca', `The CA refused the request for ${request.domain} (${move.reason}).`, ['ca', request.requester]);
  return ok(undefined);
}

/** Whether the requester proved control of the domain: the CA found the challenge answer there. */
export function domainCheckPassed(request: CertificateRequestRecord): boolean {
  return pki.checkChallenge(request.challengeToken, request.requestDer, request.published);
}

/**
 * Whether the CA may issue `request` now: an answered request whose domain check passed — or, only in a
 * careless-CA scenario, one whose check failed (the deliberate mis-issuance the scenario teaches).
 * legalMoves offers `issueCertificate` exactly when this holds, so the panel never shows a refused button.
 */
export function mayIssue(state: TableState, request: CertificateRequestRecord): boolean {
  return request.status === 'answered' && (state.scenario.world.carelessCa || domainCheckPassed(request));
}

function openRequest(
  state: TableState,
  id: string,
  status: CertificateRequestRecord['status'],
): Result<CertificateRequestRecord> {
  const request = state.requests.find((q) => q.id === id);
  if (!request) return err('UNKNOWN_REQUEST', `There is no certificate request called ${id}.`);
  if (request.status !== status) return err('ILLEGAL_CHOICE', `That request is ${request.status}, not ${status}.`);
  return ok(request);
}

function decidableRequest(state: TableState, id: string): Result<CertificateRequestRecord> {
  const request = state.requests.find((q) => q.id === id);
  if (!request) return err('UNKNOWN_REQUEST', `There is no certificate request called ${id}.`);
  if (request.status !== 'answered')
    return err('ILLEGAL_CHOICE', 'Send a domain challenge and wait for the answer before deciding.');
  return ok(request);
}

/**
 * A site the CA turned down still goes online, as real ones do, with a certificate it signed itself: the round
 * goes on (the server always has something to present) and the client's checks show why that is not trusted.
 */
export function fallBackOnSelfSigned(state: TableState): void {
  if (state.pockets.server.some((item) => item.kind === 'certificate')) return;
  const site = state.scenario.world.siteName;
  const rng = moveRng(state, 'self-signed-fallback');
  const key = state.keyPairs[keyItemFor(state, 'server', rng)]!;
  const der = buildCertificate({
    serial: randomSerial(rng),
    issuerCN: site,
    subjectCN: site,
    notBefore: state.now - DAY,
    notAfter: state.now + 90 * DAY,
    dnsNames: [site],
    isCA: false,
    subjectPublicKey: publicKeyOf(key),
    issuerKey: key,
  });
  give(state, 'server', {
    id: 'server-certificate',
    kind: 'certificate',
    label: `A certificate for ${site} the server signed itself (the CA refused)`,
    secret: false,
    bytes: der,
  });
  log(state, 'server', `Without a CA certificate, the server signed one for ${site} itself.`);
}

export function nameOf(party: Party): string {
  return { client: 'The client', server: 'The server', ca: 'The CA', eavesdropper: 'The eavesdropper' }[party];
}

// ── The moves ──────────────────────────────────────────────────────────────

export const requestCertificate = defineMove({
  schema: RequestCertificateMove,
  turns: { 'certificate-request': ['server', 'eavesdropper'] },
  words: 'ask the CA for a certificate',
  concept:
    'A certificate is a CA’s signed statement that a public key belongs to a domain name; browsers only accept a site whose certificate chains to a CA they trust.',
  options: (state, role) =>
    requestableDomains(state, role).map((domain) =>
      ready(
        { type: 'requestCertificate', domain },
        `Ask the CA for ${domain}`,
        role === 'server'
          ? 'Browsers only trust your site with a certificate from a CA they know.'
          : domain === state.scenario.world.siteName
            ? 'Try to get a certificate for the bank’s name, as an impostor.'
            : 'A certificate for a domain you really own.',
      ),
    ),
  apply: requestCertificateApply,
  bot(state, role) {
    const w = state.scenario.world;
    if (role === 'server') return { type: 'requestCertificate', domain: w.siteName };
    const attack = state.scenario.attack;
    if (attack === 'impostor-request' || attack === 'careless-ca')
      return { type: 'requestCertificate', domain: w.siteName };
    if (attack === 'lookalike') return { type: 'requestCertificate', domain: w.clientTypes };
    return null;
  },
});

export const sendChallenge = defineMove({
  schema: SendChallengeMove,
  turns: { 'certificate-challenge': ['ca'] },
  words: 'send a domain challenge',
  concept:
    'Domain validation: before signing, the CA asks the requester to publish a random token on the domain itself — only the domain’s real owner can.',
  options: (state) =>
    state.requests
      .filter((q) => q.status === 'submitted')
      .map((q) =>
        ready(
          { type: 'sendChallenge', requestId: q.id },
          `Challenge ${q.id}: ${q.domain}`,
          'Only whoever controls the domain can publish the answer there.',
        ),
      ),
  apply: sendChallengeApply,
  bot: (_state, _role, _personality, offered) => pick(offered, 'sendChallenge'),
});

export const publishChallengeAnswer = defineMove({
  schema: PublishChallengeAnswerMove,
  turns: { 'certificate-answer': ['server', 'eavesdropper'] },
  words: 'publish a challenge answer',
  concept:
    'To prove you control a domain you publish the CA’s token there; the CA then fetches it from the domain, not from you.',
  options: (state, role) =>
    state.requests
      .filter((q) => q.requester === role && q.status === 'challenged')
      .map((q) =>
        ready(
          { type: 'publishChallengeAnswer', requestId: q.id },
          `Publish the answer at ${q.domain}`,
          'Put the token where the CA will look: on the domain itself.',
        ),
      ),
  apply: publishChallengeAnswerApply,
  bot: (_state, _role, _personality, offered) => pick(offered, 'publishChallengeAnswer'),
});

export const issueCertificate = defineMove({
  schema: IssueCertificateMove,
  turns: { 'certificate-decision': ['ca'] },
  words: 'issue a certificate',
  concept: 'A CA signs only when the domain check passed: its signature is what every browser will rely on.',
  // A failed domain check leaves only refusal, except for the careless CA, who may sign regardless.
  options: (state) =>
    state.requests
      .filter((q) => mayIssue(state, q))
      .map((q) =>
        ready(
          { type: 'issueCertificate', requestId: q.id },
          `Issue ${q.domain} (${q.id})`,
          domainCheckPassed(q)
            ? 'The domain check passed: sign the certificate.'
            : 'The domain check failed — a careless CA can sign it anyway.',
        ),
      ),
  apply: issueCertificateApply,
  bot(state) {
    const request = state.requests.find((q) => q.status === 'answered');
    return request && mayIssue(state, request) ? { type: 'issueCertificate', requestId: request.id } : null;
  },
});

export const refuseRequest = defineMove({
  schema: RefuseRequestMove,
  turns: { 'certificate-challenge': ['ca'], 'certificate-decision': ['ca'] },
  words: 'refuse a certificate request',
  concept:
    'A CA must refuse a request whose domain control was not proven: one mis-issued certificate lets an impostor pass every browser check.',
  options: (state) =>
    state.requests
      .filter((q) => q.status === 'submitted' || q.status === 'answered')
      .map((q) => ({
        type: 'refuseRequest',
        label: `Refuse ${q.id}: ${q.domain}`,
        why: 'Refuse when the request is not proven to come from the domain’s owner.',
        choices: [
          { field: 'requestId', kind: 'one', options: [{ value: q.id, label: q.id }] },
          {
            field: 'reason',
            kind: 'one',
            options: (['DOMAIN_NOT_VERIFIED', 'BAD_REQUEST_SIGNATURE', 'NAME_NOT_ALLOWED'] as const).map((r) => ({
              value: r,
              label: REFUSAL_LABELS[r],
            })),
          },
        ],
      })),
  apply: refuseRequestApply,
  bot(state) {
    if (state.phase !== 'certificate-decision') return null;
    const request = state.requests.find((q) => q.status === 'answered');
    return request ? { type: 'refuseRequest', requestId: request.id, reason: 'DOMAIN_NOT_VERIFIED' } : null;
  },
});

export const skipCertificate = defineMove({
  schema: SkipCertificateMove,
  turns: { 'certificate-request': ['eavesdropper'], 'certificate-answer': ['eavesdropper'] },
  words: 'skip the CA',
  concept: 'A CA only signs for whoever proves control of the domain; without that control a request leads nowhere.',
  options: (state) => [
    ready(
      { type: 'skipCertificate' },
      state.phase === 'certificate-answer' ? 'Give up on the request' : 'Stay away from the CA',
      'Wait on the wire instead.',
    ),
  ],
  apply: (state, role) => skipCertificateApply(state, role),
  bot: () => ({ type: 'skipCertificate' }),
  botRank: 1,
});

/** This module's moves in the order they are offered; moves/index.ts builds the registry from these two lists. */
export const SCHEMAS = [
  RequestCertificateMove,
  SendChallengeMove,
  PublishChallengeAnswerMove,
  IssueCertificateMove,
  RefuseRequestMove,
  SkipCertificateMove,
] as const;
export const SPECS = [
  requestCertificate,
  sendChallenge,
  publishChallengeAnswer,
  issueCertificate,
  refuseRequest,
  skipCertificate,
] as const;
