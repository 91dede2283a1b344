/** Every move a player can send, as a runtime schema (valibot) and its TypeScript type. @module */
import * as v from 'valibot';
import { ALL_CIPHER_SUITES } from './types.ts';

const Id = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(64),
  v.regex(/^[a-z0-9-]+$/, 'an id is lowercase letters, digits and dashes'),
);
const EnvelopeId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000));
const Domain = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(253),
  v.regex(/^[a-z0-9.-]+$/, 'a domain name is lowercase letters, digits, dots and dashes'),
);

/** Reasons a client may give for refusing a connection: validation codes plus what a person notices. */
export const ABORT_REASONS = [
  'UNKNOWN_ISSUER',
  'SELF_SIGNED',
  'BAD_SIGNATURE',
  'NAME_MISMATCH',
  'EXPIRED',
  'NOT_YET_VALID',
  'NOT_A_CA',
  'KEY_MISMATCH',
  'LOOKALIKE_NAME',
  'NOT_HTTPS',
] as const;
export type AbortReason = (typeof ABORT_REASONS)[number];

/** Reasons a CA may give for refusing a certificate request. */
export const REFUSAL_REASONS = ['BAD_REQUEST_SIGNATURE', 'DOMAIN_NOT_VERIFIED', 'NAME_NOT_ALLOWED'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** What an eavesdropper can put on the wire in place of a ClientHello. */
export const CLIENT_HELLO_EDITS = ['strip-cipher-suites', 'strip-supported-versions', 'substitute-key-share'] as const;

const move = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.strictObject({ type: v.literal(type), ...entries });

export const MoveSchema = v.variant('type', [
  // Certificate phase
  move('requestCertificate', { domain: Domain }),
  move('skipCertificate', {}),
  move('sendChallenge', { requestId: Id }),
  move('publishChallengeAnswer', { requestId: Id }),
  move('issueCertificate', { requestId: Id }),
  move('refuseRequest', { requestId: Id, reason: v.picklist(REFUSAL_REASONS) }),
  // Connection
  move('connect', { scheme: v.picklist(['https', 'http']) }),
  move('answerHttp', { answer: v.picklist(['redirect-to-https', 'serve-page']) }),
  move('sendSecretOverHttp', {}),
  move('followRedirect', {}),
  // Handshake
  move('sendClientHello', {
    cipherSuites: v.pipe(v.array(v.picklist(ALL_CIPHER_SUITES)), v.minLength(1), v.maxLength(2)),
  }),
  move('sendServerHello', { cipherSuite: v.picklist(ALL_CIPHER_SUITES), certificateId: Id }),
  move('trustCertificate', {}),
  move('abortConnection', { reason: v.picklist(ABORT_REASONS) }),
  move('sendKeyExchange', { lockWith: Id }),
  move('deriveSessionKeys', { pieces: v.pipe(v.array(Id), v.minLength(1), v.maxLength(8)) }),
  // Data
  move('sendRequest', { lockWith: Id }),
  move('sendReply', { lockWith: Id }),
  // The wire (eavesdropper)
  move('forwardEnvelope', { envelopeId: EnvelopeId }),
  move('dropEnvelope', { envelopeId: EnvelopeId }),
  move('tamperEnvelope', {
    envelopeId: EnvelopeId,
    byteIndex: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000))),
  }),
  move('replayEnvelope', { envelopeId: EnvelopeId, copyOf: EnvelopeId }),
  move('editClientHello', { envelopeId: EnvelopeId, edit: v.picklist(CLIENT_HELLO_EDITS) }),
  move('impersonateServer', { envelopeId: EnvelopeId, certificateId: Id }),
  move('stripRedirect', { envelopeId: EnvelopeId }),
  move('useLeakedKey', {}),
]);

export type Move = v.InferOutput<typeof MoveSchema>;
export type MoveType = Move['type'];

export const MoveInputSchema = v.strictObject({
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
  move: MoveSchema,
});
export type MoveInput = v.InferOutput<typeof MoveInputSchema>;

/** Parses untrusted input into a move, or explains in one sentence what is wrong with it. */
export function parseMoveInput(input: unknown): { ok: true; value: MoveInput } | { ok: false; message: string } {
  const result = v.safeParse(MoveInputSchema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
  return {
    ok: false,
    message: `That move is not well formed${path ? ` (at ${path})` : ''}: ${issue?.message ?? 'unknown problem'}.`,
  };
}
