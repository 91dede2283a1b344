/** Hints for a player: first the concept behind the step, then the action the honest bot (or the scenario's attack) takes. @module */
import { botMove } from './bots.ts';
import { applyMove } from './engine.ts';
import { type LegalMove, legalMoves } from './legal.ts';
import {
  type AbortReason,
  MOVES,
  type Move,
  type MoveInput,
  type MoveType,
  type RefusalReason,
} from './moves/index.ts';
import type { TableState } from './state.ts';
import type { Role } from './types.ts';

export type HintLevel = 1 | 2;

export interface Hint {
  level: HintLevel;
  /** A sentence for the player. */
  text: string;
  /** Level 2 only: the recommended move, legal now (the UI may highlight it). */
  move: MoveInput | null;
  /** Level 2 only: the label of that move in legalMoves (what its button says). */
  label: string | null;
}

/**
 * The scenario's lesson at the step where it is decided: keyed by the scenario's misconception tag and the
 * move type recommended there. Steps not listed fall back to the move's own concept (its module).
 */
const MISCONCEPTION_CONCEPTS: Record<string, Partial<Record<MoveType, string>>> = {
  'https-hides-destination': {
    forwardEnvelope:
      'A passive listener cannot open encrypted records, yet the server name (SNI) in the ClientHello travels in the clear: HTTPS hides what you say, not where you go.',
  },
  'encryption-without-integrity': {
    tamperEnvelope:
      'Encryption in TLS also protects integrity: AEAD checks every byte, so a flipped byte makes the receiver’s check fail.',
  },
  'replay-of-valid-ciphertext': {
    replayEnvelope:
      'A valid ciphertext is only valid once, in its place: each record’s nonce includes its sequence number.',
  },
  'any-certificate-is-proof': {
    abortConnection:
      'A certificate only proves identity if its signature chains to a CA your browser trusts: anyone can sign a certificate for themselves.',
    impersonateServer:
      'Anyone can make a self-signed certificate for any name; the question is whether the client checks who signed it.',
  },
  'valid-signature-means-right-site': {
    abortConnection:
      'A genuine signature only vouches for the names inside the certificate: compare them with the name in the address bar.',
    impersonateServer:
      'A genuine certificate for your own site is signed by a real CA — it vouches for your name, not the bank’s.',
  },
  'certificates-last-forever': {
    abortConnection:
      'Certificates expire so that an old, lost or stolen key cannot be used forever: check the validity dates against the clock.',
    impersonateServer: 'An old certificate with its private key still looks real — unless the client checks the dates.',
  },
  'certificate-is-secret': {
    abortConnection:
      'A certificate is public: anyone can copy it. Identity is proven by a signature made with the matching private key (CertificateVerify).',
    impersonateServer:
      'Anyone can copy a certificate off the wire, but the proof of identity is a signature made with its private key.',
  },
  'padlock-means-trustworthy': {
    abortConnection:
      'The padlock says “private”, not “trustworthy”: a look-alike domain can have a perfectly valid certificate. Read the name.',
    impersonateServer:
      'A look-alike domain you really own gets a perfectly valid certificate: every check passes unless the client reads the name.',
    requestCertificate:
      'A CA will certify a look-alike domain you really own: its checks prove control of a name, not honesty.',
  },
  'ca-issues-to-anyone': {
    refuseRequest:
      'Domain validation stops anyone from getting a certificate for any name: only the domain’s owner can publish the challenge answer there.',
    requestCertificate:
      'Anyone can ask a CA for any name; the CA’s domain challenge decides whether the request is really from the owner.',
  },
  'trust-store-is-infallible': {
    refuseRequest:
      'A browser trusts its CAs completely, so a CA that skips the domain check lets an impostor sit silently in the middle.',
    requestCertificate:
      'If a careless CA signs for you without checking, every browser check will pass: why Certificate Transparency exists.',
    impersonateServer:
      'With a mis-issued certificate for the real name, the client’s checks all pass: the trust store trusts the CA completely.',
  },
  'key-exchange-is-authenticated': {
    editClientHello:
      'Diffie–Hellman alone does not say who you share keys with: the signed transcript ties the key exchange to the certificate.',
  },
  'hello-can-be-edited-unnoticed': {
    editClientHello:
      'The ClientHello is not encrypted, but it is in the transcript both sides hash into their keys and Finished messages.',
  },
  'https-is-automatic': {
    connect:
      'Typing a name without https:// sends the first request in plain http, where anyone on the wire can answer it. Go to https:// yourself (HSTS does it for sites the browser knows).',
    abortConnection:
      'Without HSTS, a first visit over plain http can be kept on http by anyone on the wire: never type a password on a page that is not https.',
    followRedirect:
      'The first request of a visit typed without https:// goes out in plain http; the site’s redirect (and HSTS) brings you to https.',
    answerHttp:
      'Plain http reaches the site first when the user types the name without https://: redirect to https and set HSTS.',
    stripRedirect: 'Without HSTS, a first visit over plain http can be kept on http by whoever sits on the wire.',
  },
  'no-forward-secrecy-awareness': {
    useLeakedKey:
      'Forward secrecy: TLS 1.3 session keys come from ephemeral key shares that are thrown away, so a later leak of the server key opens nothing; classic RSA key transport has no such protection.',
  },
};

/** Why a client aborts, as the student would say it. */
const ABORT_WORDS: Record<AbortReason, string> = {
  UNKNOWN_ISSUER: 'the certificate is not signed by a CA your browser trusts',
  SELF_SIGNED: 'the certificate is signed by its own key, not by a CA your browser trusts',
  BAD_SIGNATURE: 'the signature on the certificate does not verify',
  NAME_MISMATCH: 'the certificate’s name doesn’t match the address bar',
  EXPIRED: 'the certificate’s validity period is over',
  NOT_YET_VALID: 'the certificate is not valid yet',
  NOT_A_CA: 'the certificate was signed by something that is not a CA',
  KEY_MISMATCH: 'the server could not prove it holds the certificate’s private key',
  LOOKALIKE_NAME: 'the address bar shows a look-alike of the site you meant',
  NOT_HTTPS: 'this page is not on https, so your password would travel in the clear',
};

const REFUSAL_WORDS: Record<RefusalReason, string> = {
  BAD_REQUEST_SIGNATURE: 'the request’s signature does not verify',
  DOMAIN_NOT_VERIFIED: 'the requester did not prove control of the domain',
  NAME_NOT_ALLOWED: 'this name may not be certified',
};

/**
 * What a careful player in `role` does now: the honest bot's move (for the eavesdropper, the scenario's attack),
 * played in a careful world — a careless CA's shortcut and a user who types the name without https:// are the
 * scenario's setting, never advice. Null when `role` is not awaited.
 */
export function recommendedMove(state: TableState, role: Role): MoveInput | null {
  const world = state.scenario.world;
  const careful =
    world.carelessCa || world.startsOnHttp
      ? { ...state, scenario: { ...state.scenario, world: { ...world, carelessCa: false, startsOnHttp: false } } }
      : state;
  return botMove(careful, role, 'honest');
}

/** A hint for `role` now: level 1 names the concept, level 2 the action. Null when `role` has nothing to do. */
export function hintFor(state: TableState, role: Role, level: HintLevel): Hint | null {
  if (!state.awaiting.includes(role)) return null;
  const options = legalMoves(state, role);
  if (options.length === 0) return null;
  const advised = recommendedMove(state, role);
  if (level === 1) {
    const type = advised?.move.type ?? options[0]!.type;
    return { level, text: conceptFor(state, type), move: null, label: null };
  }
  const move = legalRecommendation(state, role, advised, options);
  if (!move) return null;
  const option = legalOptionFor(move.move, options);
  return { level, text: actionText(move.move, option), move, label: option?.label ?? null };
}

function conceptFor(state: TableState, type: MoveType): string {
  return (
    MISCONCEPTION_CONCEPTS[state.scenario.misconception]?.[type] ??
    (state.mode === 'tls12-rsa' ? MOVES[type].classicConcept : undefined) ??
    MOVES[type].concept
  );
}

/** The recommended move if the engine accepts it now, else the first ready legal move it accepts. */
function legalRecommendation(
  state: TableState,
  role: Role,
  advised: MoveInput | null,
  options: LegalMove[],
): MoveInput | null {
  const candidates = [
    ...(advised ? [advised] : []),
    ...options.flatMap((o) => (o.move ? [{ version: state.version, move: o.move }] : [])),
  ];
  return candidates.find((input) => applyMove(state, role, input).ok) ?? null;
}

/** The entry of legalMoves a move is made from: the same ready move, or the form of its type. */
function legalOptionFor(move: Move, options: LegalMove[]): LegalMove | undefined {
  return (
    options.find((o) => o.move && sameMove(o.move, move)) ??
    options.find(
      (o) =>
        o.type === move.type &&
        o.choices?.every(
          (c) => c.kind === 'some' || optionValues(move, c.field).every((v) => c.options.some((x) => x.value === v)),
        ),
    )
  );
}

function optionValues(move: Move, field: string): unknown[] {
  const value = (move as Record<string, unknown>)[field];
  return Array.isArray(value) ? value : [value];
}

function actionText(move: Move, option: LegalMove | undefined): string {
  if (move.type === 'abortConnection') return `Abort the connection: ${ABORT_WORDS[move.reason]}.`;
  if (move.type === 'refuseRequest') return `Refuse ${move.requestId}: ${REFUSAL_WORDS[move.reason]}.`;
  if (!option) return `Do: ${move.type}.`;
  if (option.move) return `${option.label}. ${option.why}`;
  const picked = (option.choices ?? []).map((choice) =>
    optionValues(move, choice.field)
      .map((v) => choice.options.find((o) => o.value === v)?.label ?? String(v))
      .join(' + '),
  );
  return `${option.label} — choose ${picked.join(', ')}.`;
}

function sameMove(a: Move, b: Move): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(
    (k) => JSON.stringify((a as Record<string, unknown>)[k]) === JSON.stringify((b as Record<string, unknown>)[k]),
  );
}
