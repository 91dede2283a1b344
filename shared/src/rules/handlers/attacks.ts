/** The eavesdropper's active attacks on the handshake: editing the ClientHello, answering in the server's place. @module */

import { answerClientHello } from '../../tls12/handshakeServer.ts';
import { stripCipherSuites, stripSupportedVersions, substituteKeyShare } from '../../tls13/attacks.ts';
import { x25519KeyPair } from '../../tls13/keyExchange.ts';
import { parseClientHello } from '../../tls13/messages.ts';
import { splitRecords } from '../../tls13/record.ts';
import { serverRespond } from '../../tls13/server.ts';
import type { KeyPair } from '../../x509/keys.ts';
import { deliver, give, log, moveRng } from '../context.ts';
import type { Move } from '../moves.ts';
import type { Envelope, Item, TableState } from '../state.ts';
import { err, ok, type Result, type Role } from '../types.ts';
import { setEndpoint } from '../world/sessions.ts';
import { pocketCertificate, tlsFailure } from './handshake13.ts';
import { openRelay, sendForged } from './relay.ts';

type M<T extends Move['type']> = Extract<Move, { type: T }>;

function heldClientHello(state: TableState, id: number) {
  const envelope = state.envelopes[id];
  if (envelope?.status !== 'held' || envelope.kind !== 'client-hello')
    return err('UNKNOWN_ENVELOPE', 'You can only do that to a ClientHello you are holding.');
  return ok(envelope);
}

/** The cipher suites a ClientHello on the wire offers (its first record's first message). */
export function offeredCipherSuites(envelope: Envelope): number[] {
  return parseClientHello(splitRecords(envelope.records[0]!)[0]!.fragment).cipherSuites;
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

export function editClientHello(state: TableState, _role: Role, move: M<'editClientHello'>): Result<void> {
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
export function impersonateServer(state: TableState, _role: Role, move: M<'impersonateServer'>): Result<void> {
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
        cipherSuites: offered.filter((s) => s === 0x1301 || s === 0x1303),
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
