/** The eavesdropper's active attacks on the handshake: editing the ClientHello, answering in the server's place. @module */

import * as v from 'valibot';
import { answerClientHello } from '../../tls12/handshakeServer.ts';
import { stripCipherSuites, stripSupportedVersions, substituteKeyShare } from '../../tls13/attacks.ts';
import { CipherSuite } from '../../tls13/constants.ts';
import { x25519KeyPair } from '../../tls13/keyExchange.ts';
import { parseClientHello } from '../../tls13/messages.ts';
import { splitRecords } from '../../tls13/record.ts';
import { serverRespond } from '../../tls13/server.ts';
import type { KeyPair } from '../../x509/keys.ts';
import { openRelay, sendForged } from '../arrivals/relay.ts';
import { deliver, give, heldEnvelopes, log, moveRng } from '../context.ts';
import type { Envelope, Item, TableState } from '../state.ts';
import { err, ok, type Result, type Role } from '../types.ts';
import { presentableCertificates } from '../world/answers.ts';
import { setEndpoint } from '../world/sessions.ts';
import { EnvelopeId, Id, moveSchema } from './fields.ts';
import { pocketCertificate, tlsFailure } from './handshake13.ts';
import type { Move } from './index.ts';
import { defineMove, pick, ready } from './spec.ts';

/** What an eavesdropper can put on the wire in place of a ClientHello. */
export const CLIENT_HELLO_EDITS = ['strip-cipher-suites', 'strip-supported-versions', 'substitute-key-share'] as const;

type M<T extends Move['type']> = Extract<Move, { type: T }>;

function heldClientHello(state: TableState, id: number) {
  const envelope = state.envelopes[id];
  if (envelope?.status !== 'held' || envelope.kind !== 'client-hello')
    return err('UNKNOWN_ENVELOPE', 'You can only do that to a ClientHello you are holding.');
  return ok(envelope);
}

/** The TLS 1.3 cipher suites a ClientHello on the wire offers (its first record's first message). */
export function offeredCipherSuites(envelope: Envelope): CipherSuite[] {
  return parseClientHello(splitRecords(envelope.records[0]!)[0]!.fragment).cipherSuites.filter(
    (s): s is CipherSuite => s === CipherSuite.TLS_AES_128_GCM_SHA256 || s === CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
  );
}

/** Stripping cipher suites needs at least two offered: one is left for the handshake. */
export function canStripCipherSuites(envelope: Envelope): boolean {
  return offeredCipherSuites(envelope).length >= 2;
}

/**
 * The eavesdropper's own long-term key, if it has one of the kind answering as the server needs:
 * Ed25519 to sign CertificateVerify in TLS 1.3, RSA to open the key exchange in classic mode.
 * Without it a certificate alone (a copied one, say) cannot be presented, so none is offered.
 */
export function impostorKey(state: TableState): KeyPair | undefined {
  const key = state.keyPairs['eavesdropper-long-term-key'];
  return key?.algorithm === (state.mode === 'tls12-rsa' ? 'RSA' : 'Ed25519') ? key : undefined;
}

function editClientHelloApply(state: TableState, _role: Role, move: M<'editClientHello'>): Result<void> {
  const h = heldClientHello(state, move.envelopeId);
  if (!h.ok) return h;
  if (state.mode !== 'tls13')
    return err('ILLEGAL_CHOICE', 'Those edits attack the TLS 1.3 ClientHello (its key share and versions).');
  const envelope = h.value;
  const record = envelope.records[0]!;
  let edited: Uint8Array;
  if (move.edit === 'strip-cipher-suites') {
    if (!canStripCipherSuites(envelope))
      return err('ILLEGAL_CHOICE', 'Only one cipher suite is offered: there is nothing to strip.');
    edited = stripCipherSuites(record, offeredCipherSuites(envelope).slice(-1));
  } else if (move.edit === 'strip-supported-versions') {
    edited = stripSupportedVersions(record);
  } else {
    const mine = x25519KeyPair(moveRng(state, 'eavesdropper-key-share'));
    give(state, 'eavesdropper', {
      id: 'eavesdropper-key-share',
      kind: 'key-share-private',
      label: 'Your own key share (x25519, private)',
      secret: true,
      bytes: mine.privateKey,
    });
    edited = substituteKeyShare(record, mine.publicKey);
    state.choices.keyShareSwapped = true;
  }
  envelope.records = [edited];
  envelope.interference = 'edited';
  log(state, 'eavesdropper', `The eavesdropper edited the ClientHello (${move.edit.replaceAll('-', ' ')}).`, [
    'eavesdropper',
  ]);
  deliver(state, envelope);
  return ok(undefined);
}

/** Answers the client's ClientHello with a certificate from the eavesdropper's pocket, signed with its own key. */
function impersonateServerApply(state: TableState, _role: Role, move: M<'impersonateServer'>): Result<void> {
  const h = heldClientHello(state, move.envelopeId);
  if (!h.ok) return h;
  const certificate = pocketCertificate(state, 'eavesdropper', move.certificateId);
  if (!certificate) return err('UNKNOWN_ITEM', 'Choose a certificate from your pocket.');
  if (state.mode === 'tls12-rsa') return impersonate12(state, h.value, certificate);
  const key = impostorKey(state);
  if (key?.algorithm !== 'Ed25519') return err('UNKNOWN_ITEM', 'You have no signing key.');
  const envelope = h.value;
  let flight: ReturnType<typeof serverRespond>;
  try {
    const offered = offeredCipherSuites(envelope);
    flight = serverRespond(
      moveRng(state, 'impostor'),
      {
        certificateChainDer: [certificate.bytes],
        signingKey: key.privateKey,
        cipherSuites: offered,
      },
      envelope.records,
    );
  } catch (error) {
    return err('ILLEGAL_CHOICE', `You could not answer that ClientHello (${tlsFailure(error)}).`);
  }
  takeOverClient(state, envelope, certificate.id);
  setEndpoint(state, 'eavesdropper', 'mitm-client', flight.state);
  const rest = flight.records.slice(1);
  sendForged(state, 'mitm-client', 'server-hello', [flight.records[0]!], [null]);
  sendForged(
    state,
    'mitm-client',
    'server-flight-tls13',
    rest,
    rest.map(() => 'handshake-keys'),
  );
  log(state, 'eavesdropper', `The eavesdropper answered in the server’s place with “${certificate.label}”.`, [
    'eavesdropper',
  ]);
  openRelay(state);
  return ok(undefined);
}

/** The held ClientHello never reaches the server: the client's endpoint now talks to the eavesdropper. */
function takeOverClient(state: TableState, envelope: Envelope, certificateId: string): void {
  envelope.status = 'dropped';
  envelope.interference = 'forged';
  state.choices.impersonating = { certificateId };
  state.endpoints['client:mitm-client'] = state.endpoints['client:main'];
  delete state.endpoints['client:main'];
}

/** Classic mode: answer with a certificate and the eavesdropper's own RSA key, ready to open what the client locks. */
function impersonate12(state: TableState, envelope: Envelope, certificate: Item): Result<void> {
  const key = impostorKey(state);
  if (key?.algorithm !== 'RSA') return err('UNKNOWN_ITEM', 'You have no RSA key.');
  let flight: ReturnType<typeof answerClientHello>;
  try {
    flight = answerClientHello(
      moveRng(state, 'impostor'),
      { certificates: [certificate.bytes], keyPair: key },
      envelope.records,
    );
  } catch (error) {
    return err('ILLEGAL_CHOICE', `You could not answer that ClientHello (${tlsFailure(error)}).`);
  }
  takeOverClient(state, envelope, certificate.id);
  setEndpoint(state, 'eavesdropper', 'mitm-client', flight.state);
  sendForged(
    state,
    'mitm-client',
    'server-flight-tls12',
    flight.records,
    flight.records.map(() => null),
  );
  log(state, 'eavesdropper', `The eavesdropper answered in the server’s place with “${certificate.label}”.`, [
    'eavesdropper',
  ]);
  openRelay(state);
  return ok(undefined);
}

export const EditClientHelloMove = moveSchema('editClientHello', {
  envelopeId: EnvelopeId,
  edit: v.picklist(CLIENT_HELLO_EDITS),
});
export const ImpersonateServerMove = moveSchema('impersonateServer', { envelopeId: EnvelopeId, certificateId: Id });

// ── The moves ──────────────────────────────────────────────────────────────

/** The certificate the scenario's eavesdropper bot presents, by attack. */
const ATTACK_CERTIFICATE: Partial<Record<string, string>> = {
  'self-signed': 'forged-self-signed',
  'wrong-name': 'own-site-certificate',
  expired: 'expired-certificate',
  'replay-certificate': 'copied-server-certificate',
};

const heldHello = (state: TableState) => {
  const envelope = heldEnvelopes(state)[0];
  return envelope?.kind === 'client-hello' ? envelope : undefined;
};

export const editClientHello = defineMove({
  schema: EditClientHelloMove,
  turns: { intercept: ['eavesdropper'] },
  words: 'edit the ClientHello',
  concept:
    'The ClientHello travels in the clear, so it can be edited — but both sides hash it into the transcript that the Finished messages check.',
  options: (state) =>
    state.mode !== 'tls13'
      ? []
      : heldEnvelopes(state)
          .filter((e) => e.kind === 'client-hello')
          .flatMap((e) =>
            CLIENT_HELLO_EDITS.filter((edit) => edit !== 'strip-cipher-suites' || canStripCipherSuites(e)).map((edit) =>
              ready(
                { type: 'editClientHello', envelopeId: e.id, edit },
                `Edit #${e.id}: ${edit.replaceAll('-', ' ')}`,
                'The ClientHello travels in the clear: change it.',
              ),
            ),
          ),
  apply: editClientHelloApply,
  bot(state, _role, _personality, offered) {
    if (!heldHello(state)) return null;
    const edit = { downgrade: 'strip-supported-versions', 'key-share-mitm': 'substitute-key-share' }[
      state.scenario.attack as string
    ];
    return edit ? pick(offered, 'editClientHello', (m) => m.edit === edit) : null;
  },
});

export const impersonateServer = defineMove({
  schema: ImpersonateServerMove,
  turns: { intercept: ['eavesdropper'] },
  words: 'answer in the server’s place',
  concept:
    'A man in the middle must present a certificate that the client will accept for the name in its address bar.',
  // A certificate is only worth presenting with a key of the eavesdropper's own to back it.
  options: (state) =>
    !impostorKey(state)
      ? []
      : heldEnvelopes(state)
          .filter((e) => e.kind === 'client-hello')
          .flatMap((e) =>
            presentableCertificates(state, 'eavesdropper').map((c) =>
              ready(
                { type: 'impersonateServer', envelopeId: e.id, certificateId: c.value },
                `Answer as the server with: ${c.label}`,
                'Pretend to be the site, in the middle.',
              ),
            ),
          ),
  apply: impersonateServerApply,
  bot(state, _role, _personality, offered) {
    if (!heldHello(state)) return null;
    const attack = state.scenario.attack;
    const certId =
      ATTACK_CERTIFICATE[attack] ??
      (attack === 'lookalike' || attack === 'careless-ca'
        ? state.pockets.eavesdropper.find((i) => i.id.startsWith('eavesdropper-certificate-'))?.id
        : undefined);
    return certId ? pick(offered, 'impersonateServer', (m) => m.certificateId === certId) : null;
  },
});

/** This module's moves in the order they are offered; moves/index.ts builds the registry from these two lists. */
export const SCHEMAS = [EditClientHelloMove, ImpersonateServerMove] as const;
export const SPECS = [editClientHello, impersonateServer] as const;
