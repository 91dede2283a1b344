/** legalMoves: what a role can do now, each with a one-line why — for the action panel, hints and bots. @module */
import { heldEnvelopes } from './context.ts';
import { envelopeLabel } from './envelopes.ts';
import { canStripCipherSuites, impostorKey } from './handlers/attacks.ts';
import { domainCheckPassed, mayIssue } from './handlers/certificate.ts';
import { lastHttpAnswer } from './handlers/connection.ts';
import { ABORT_REASONS, type Move, type MoveType } from './moves.ts';
import { movesAllowed } from './phases.ts';
import type { TableState } from './state.ts';
import { type Role, suitesFor } from './types.ts';
import { presentableCertificates } from './world/answers.ts';
import { requestableDomains } from './world/domains.ts';

export interface Choice {
  field: string;
  kind: 'one' | 'some';
  options: { value: string; label: string }[];
}

export interface LegalMove {
  type: MoveType;
  label: string;
  why: string;
  /** Ready to send as it is (nothing to choose). */
  move?: Move;
  /** Or: fill in these choices first. */
  choices?: Choice[];
}

export function legalMoves(state: TableState, role: Role): LegalMove[] {
  if (!state.awaiting.includes(role)) return [];
  const out: LegalMove[] = [];
  for (const type of movesAllowed(state.phase, role)) out.push(...optionsFor(state, role, type));
  return out;
}

function ready(type: MoveType, move: Move, label: string, why: string): LegalMove {
  return { type, move, label, why };
}

function optionsFor(state: TableState, role: Role, type: MoveType): LegalMove[] {
  const held = heldEnvelopes(state);
  switch (type) {
    case 'requestCertificate':
      return requestableDomains(state, role).map((domain) =>
        ready(
          type,
          { type, domain },
          `Ask the CA for ${domain}`,
          role === 'server'
            ? 'Browsers only trust your site with a certificate from a CA they know.'
            : domain === state.scenario.world.siteName
              ? 'Try to get a certificate for the bank’s name, as an impostor.'
              : 'A certificate for a domain you really own.',
        ),
      );
    case 'skipCertificate':
      return [
        ready(
          type,
          { type },
          state.phase === 'certificate-answer' ? 'Give up on the request' : 'Stay away from the CA',
          'Wait on the wire instead.',
        ),
      ];
    case 'sendChallenge':
      return state.requests
        .filter((q) => q.status === 'submitted')
        .map((q) =>
          ready(
            type,
            { type, requestId: q.id },
            `Challenge ${q.id}: ${q.domain}`,
            'Only whoever controls the domain can publish the answer there.',
          ),
        );
    case 'refuseRequest':
      return state.requests
        .filter((q) => q.status === 'submitted' || q.status === 'answered')
        .map((q) => ({
          type,
          label: `Refuse ${q.id}: ${q.domain}`,
          why: 'Refuse when the request is not proven to come from the domain’s owner.',
          choices: [
            { field: 'requestId', kind: 'one', options: [{ value: q.id, label: q.id }] },
            {
              field: 'reason',
              kind: 'one',
              options: [
                { value: 'DOMAIN_NOT_VERIFIED', label: 'Domain control not proven' },
                { value: 'BAD_REQUEST_SIGNATURE', label: 'The request’s signature is wrong' },
                { value: 'NAME_NOT_ALLOWED', label: 'This name is not allowed' },
              ],
            },
          ],
        }));
    case 'publishChallengeAnswer':
      return state.requests
        .filter((q) => q.requester === role && q.status === 'challenged')
        .map((q) =>
          ready(
            type,
            { type, requestId: q.id },
            `Publish the answer at ${q.domain}`,
            'Put the token where the CA will look: on the domain itself.',
          ),
        );
    case 'issueCertificate':
      // A failed domain check leaves only refusal, except for the careless CA, who may sign regardless.
      return state.requests
        .filter((q) => mayIssue(state, q))
        .map((q) =>
          ready(
            type,
            { type, requestId: q.id },
            `Issue ${q.domain} (${q.id})`,
            domainCheckPassed(q)
              ? 'The domain check passed: sign the certificate.'
              : 'The domain check failed — a careless CA can sign it anyway.',
          ),
        );
    case 'connect':
      return [
        ready(
          type,
          { type, scheme: 'https' },
          `Go to https://${state.scenario.world.clientTypes}`,
          'Start with an encrypted connection (port 443).',
        ),
        ready(
          type,
          { type, scheme: 'http' },
          `Type ${state.scenario.world.clientTypes} (plain http)`,
          'What happens when you type the name without https://.',
        ),
      ];
    case 'answerHttp':
      return [
        ready(
          type,
          { type, answer: 'redirect-to-https' },
          'Redirect to https',
          'Send the visitor to the encrypted site (and set HSTS).',
        ),
        ready(type, { type, answer: 'serve-page' }, 'Serve the page over http', 'Answer in plain http.'),
      ];
    case 'followRedirect':
      return lastHttpAnswer(state)?.kind === 'http-redirect'
        ? [ready(type, { type }, 'Follow the redirect to https', 'The server asked for an encrypted connection.')]
        : [];
    case 'sendSecretOverHttp':
      return lastHttpAnswer(state)?.kind === 'http-redirect'
        ? []
        : [ready(type, { type }, 'Log in on this page', 'Type the password into the page as it is.')];
    case 'sendClientHello':
      return [
        {
          type,
          label: 'Send ClientHello',
          why: 'Offer the cipher suites you accept and your key share.',
          choices: [
            {
              field: 'cipherSuites',
              kind: 'some',
              options: suitesFor(state.mode).map((s) => ({ value: s, label: s })),
            },
          ],
        },
      ];
    case 'sendServerHello':
      return [
        {
          type,
          label: 'Send ServerHello',
          why: 'Pick one of the client’s suites and the certificate to present.',
          choices: [
            {
              field: 'cipherSuite',
              kind: 'one',
              options: (state.choices.clientSuites ?? suitesFor(state.mode)).map((s) => ({ value: s, label: s })),
            },
            { field: 'certificateId', kind: 'one', options: presentableCertificates(state, 'server') },
          ],
        },
      ];
    case 'deriveSessionKeys':
      return [
        {
          type,
          label: 'Derive the session keys',
          why: 'Choose the pieces that make the shared keys; the engine does the arithmetic.',
          choices: [
            {
              field: 'pieces',
              kind: 'some',
              options: state.pockets[role].map((i) => ({ value: i.id, label: i.label })),
            },
          ],
        },
      ];
    case 'sendKeyExchange':
    case 'sendRequest':
    case 'sendReply':
      return [
        {
          type,
          label:
            type === 'sendKeyExchange'
              ? 'Lock the pre-master secret and send it'
              : type === 'sendRequest'
                ? 'Lock the login and send it'
                : 'Lock the reply and send it',
          why:
            type === 'sendKeyExchange'
              ? 'Only the holder of the matching private key can open what you lock now.'
              : 'Choose which key locks the envelope.',
          choices: [{ field: 'lockWith', kind: 'one', options: lockOptions(state, role) }],
        },
      ];
    case 'trustCertificate':
      return [
        ready(
          type,
          { type },
          'Trust the certificate and continue',
          'Go on if every check passed and the name is the one you meant.',
        ),
      ];
    case 'abortConnection':
      return [
        {
          type,
          label: 'Abort the connection',
          why: 'Refuse, giving the reason you saw.',
          choices: [{ field: 'reason', kind: 'one', options: ABORT_REASONS.map((r) => ({ value: r, label: r })) }],
        },
      ];
    case 'forwardEnvelope':
      return held.map((e) =>
        ready(
          type,
          { type, envelopeId: e.id },
          `Pass on #${e.id} ${envelopeLabel(e)}`,
          'Let it through unchanged (you keep a copy).',
        ),
      );
    case 'dropEnvelope':
      return held.map((e) =>
        ready(type, { type, envelopeId: e.id }, `Drop #${e.id}`, 'It never arrives: the connection stalls.'),
      );
    case 'tamperEnvelope':
      return held
        .filter((e) => e.layer === 'tls')
        .map((e) =>
          ready(type, { type, envelopeId: e.id }, `Flip a byte in #${e.id}`, 'Change the bytes without the keys.'),
        );
    case 'replayEnvelope': {
      const copies = state.envelopes.filter(
        (e) => e.channel === 'wire' && e.layer === 'tls' && e.status === 'delivered' && e.locks.some(Boolean),
      );
      return held.flatMap((h) =>
        copies
          .filter((c) => c.to === h.from || c.to === h.to)
          .map((c) =>
            ready(
              type,
              { type, envelopeId: h.id, copyOf: c.id },
              `Send #${c.id} again`,
              'Replay a recorded encrypted envelope.',
            ),
          ),
      );
    }
    case 'editClientHello':
      return held
        .filter((e) => e.kind === 'client-hello')
        .flatMap((e) =>
          state.mode === 'tls13'
            ? (['strip-cipher-suites', 'strip-supported-versions', 'substitute-key-share'] as const)
                .filter((edit) => edit !== 'strip-cipher-suites' || canStripCipherSuites(e))
                .map((edit) =>
                  ready(
                    type,
                    { type, envelopeId: e.id, edit },
                    `Edit #${e.id}: ${edit.replaceAll('-', ' ')}`,
                    'The ClientHello travels in the clear: change it.',
                  ),
                )
            : [],
        );
    case 'impersonateServer':
      // A certificate is only worth presenting with a key of the eavesdropper's own to back it.
      if (!impostorKey(state)) return [];
      return held
        .filter((e) => e.kind === 'client-hello')
        .flatMap((e) =>
          presentableCertificates(state, 'eavesdropper').map((c) =>
            ready(
              type,
              { type, envelopeId: e.id, certificateId: c.value },
              `Answer as the server with: ${c.label}`,
              'Pretend to be the site, in the middle.',
            ),
          ),
        );
    case 'stripRedirect':
      return held
        .filter((e) => e.kind === 'http-redirect')
        .map((e) =>
          ready(
            type,
            { type, envelopeId: e.id },
            'Swallow the redirect, keep them on http',
            'Serve the page yourself over plain http.',
          ),
        );
    case 'useLeakedKey':
      return [
        ready(
          type,
          { type },
          'Open the recording with the leaked key',
          'Try the server’s private key on the traffic you recorded.',
        ),
      ];
    default:
      return [];
  }
}

function lockOptions(state: TableState, role: Role) {
  const keys = state.pockets[role].filter((i) =>
    [
      'public-key',
      'session-keys',
      'signing-key',
      'rsa-private-key',
      'key-share-public',
      'certificate',
      'root-certificate',
    ].includes(i.kind),
  );
  return keys.map((i) => ({ value: i.id, label: i.label }));
}
