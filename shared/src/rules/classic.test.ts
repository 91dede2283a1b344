import { describe, expect, it } from 'vitest';
import { seededRng } from '../rng/rng.ts';
import { receiveApplicationData } from '../tls12/handshake.ts';
import { decryptRecordedSession } from '../tls12/leak.ts';
import { generateRsaKeyPair } from '../x509/keys.ts';
import { botMove } from './bots.ts';
import { applyMove } from './engine.ts';
import { initialState, type TableConfig } from './initial.ts';
import { legalMoves } from './legal.ts';
import { playWithBots } from './play.ts';
import { SCENARIOS } from './scenarios.ts';
import { totals } from './scoring.ts';
import type { PhaseId, TableState } from './state.ts';
import { ROLES, type Role } from './types.ts';
import { viewFor } from './view.ts';
import { bodyOf } from './world/http.ts';

// 1024-bit RSA keeps key generation fast; the protocol is the same as at 2048.
const seed = new Uint8Array(32).fill(5);
const config = (scenarioId: string): TableConfig => ({ scenarioId, mode: 'tls12-rsa', seed, rsaBits: 1024 });
const play = (id: string, careless = false) => playWithBots(config(id), careless ? { client: 'careless' } : {});
const item = (st: TableState, role: Role, id: string) => st.pockets[role].find((i) => i.id === id)?.bytes;

/** Bots play from `start` until `stop` holds (or the debrief). */
function botsFrom(start: TableState, stop: (st: TableState) => boolean = () => false): TableState {
  let st = start;
  for (let i = 0; i < 100 && st.phase !== 'debrief' && !stop(st); i++) {
    const role = ROLES.find((r) => st.awaiting.includes(r))!;
    const r = applyMove(st, role, botMove(st, role));
    if (!r.ok) throw new Error(r.error.message);
    st = r.value;
  }
  return st;
}

const playUntil = (scenarioId: string, phase: PhaseId) =>
  botsFrom(initialState(config(scenarioId)), (st) => st.phase === phase);

function expectRejected(state: TableState, role: Role, move: unknown, code: string) {
  const before = structuredClone(state);
  const result = applyMove(state, role, { version: state.version, move });
  expect(result.ok, JSON.stringify(move)).toBe(false);
  if (!result.ok) {
    expect(result.error.code, result.error.message).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
  }
  expect(state).toEqual(before);
}

describe('classic TLS 1.2 RSA rounds, played by bots to their debrief', () => {
  it('every scenario offered in classic mode ends in the debrief, careful and careless', () => {
    const classic = SCENARIOS.filter((s) => s.modes.includes('tls12-rsa'));
    expect(classic.length).toBeGreaterThanOrEqual(12);
    for (const s of classic) {
      expect(play(s.id).phase, s.id).toBe('debrief');
      expect(play(s.id, true).phase, s.id).toBe('debrief');
    }
    // Two dozen classic rounds: generous for a loaded machine.
  }, 120_000);

  it('happy path: the pre-master secret travels locked, both ends derive the same keys, the listener opens nothing', () => {
    const st = play('happy-path');
    expect(st.outcome.sessionCompleted).toBe(true);
    expect(st.outcome.secretReadBy).toEqual([]);
    expect(item(st, 'server', 'received-login')).toEqual(item(st, 'client', 'login-secret'));
    expect(item(st, 'server', 'pre-master-secret')).toEqual(item(st, 'client', 'pre-master-secret'));
    expect(item(st, 'server', 'session-keys')).toEqual(item(st, 'client', 'session-keys'));
    expect(st.envelopes.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['client-key-exchange', 'server-flight-tls12']),
    );
    const eve = viewFor(st, 'eavesdropper');
    expect(eve.debrief?.couldOpen.eavesdropper).toEqual([]);
    expect(totals(st.scores)).toEqual({ client: 3, server: 2, ca: 2, eavesdropper: 1 });
  });

  it('a flipped byte and a replayed record fail the GCM tag check at the server', () => {
    for (const id of ['tampered-record', 'replayed-record']) {
      const st = play(id);
      expect(st.outcome.tamperDetectedBy, id).toBe('server');
      expect(st.outcome.connectionAborted, id).toMatch(/bad_record_mac/);
      expect(st.outcome.secretReadBy).toEqual([]);
    }
  });

  it('the tampered record really fails AEAD under the server’s TLS 1.2 keys, while the original opens', () => {
    const happy = play('happy-path');
    const request = happy.envelopes.find((e) => e.kind === 'login')!;
    const server = happy.endpoints['server:main']!.established!;
    if (server.version !== 'tls12') throw new Error('expected a TLS 1.2 connection');
    const atRequest = { ...server.connection, read: { ...server.connection.read, seq: 1 } };
    expect(bodyOf(receiveApplicationData(atRequest, request.records).data)).toEqual(
      item(happy, 'client', 'login-secret'),
    );
    const flipped = request.records[0]!.slice();
    flipped[flipped.length - 3]! ^= 1;
    expect(() => receiveApplicationData(atRequest, [flipped])).toThrow(/GCM tag/);
  });

  it.each([
    ['self-signed', 'SELF_SIGNED'],
    ['wrong-name', 'NAME_MISMATCH'],
    ['expired', 'EXPIRED'],
    ['lookalike', 'LOOKALIKE_NAME'],
  ])(
    '%s: a careful client refuses (%s); a careless one locks its secret to the impostor, who reads it',
    (id, reason) => {
      expect(play(id).outcome.clientRejected).toBe(reason);
      const careless = play(id, true);
      expect(careless.outcome.secretReadBy).toEqual(['eavesdropper']);
      expect(item(careless, 'eavesdropper', 'stolen-login')).toEqual(item(careless, 'client', 'login-secret'));
      // The impostor opened the ClientKeyExchange with its own key: it holds the client's pre-master secret.
      expect(item(careless, 'eavesdropper', 'pre-master-secret')).toEqual(
        item(careless, 'client', 'pre-master-secret'),
      );
    },
  );

  it('copied certificate: every check passes, but the pre-master secret is locked to a key the impostor lacks', () => {
    for (const careless of [false, true]) {
      const st = play('copied-certificate', careless);
      expect(st.validation?.checks.every((c) => c.ok)).toBe(true);
      expect(st.outcome.connectionAborted).toMatch(/impostor could not answer/);
      expect(st.outcome.secretReadBy).toEqual([]);
      expect(item(st, 'eavesdropper', 'pre-master-secret')).not.toEqual(item(st, 'client', 'pre-master-secret'));
      expect(totals(st.scores).eavesdropper).toBe(0);
    }
  });

  it('careless CA: the mis-issued certificate passes every check and the eavesdropper reads the login', () => {
    const st = play('careless-ca');
    expect(st.outcome.misIssued).toBe(true);
    expect(st.validation?.checks.every((c) => c.ok)).toBe(true);
    expect(st.outcome.secretReadBy).toEqual(['eavesdropper']);
  });

  it('key leak: in classic mode the recording really decrypts; in TLS 1.3 the same leak opens nothing', () => {
    const classic = play('key-leak');
    expect(classic.outcome.leakDecrypted).toBe(true);
    expect(classic.outcome.secretReadBy).toEqual(['eavesdropper']);
    expect(item(classic, 'eavesdropper', 'stolen-login')).toEqual(item(classic, 'client', 'login-secret'));
    expect(item(classic, 'eavesdropper', 'recovered-pre-master-secret')).toEqual(
      item(classic, 'client', 'pre-master-secret'),
    );
    const request = classic.envelopes.find((e) => e.kind === 'login')!;
    const reply = classic.envelopes.find((e) => e.kind === 'reply')!;
    const debrief = viewFor(classic, 'eavesdropper').debrief!;
    expect(debrief.couldOpen.eavesdropper).toEqual(expect.arrayContaining([request.id, reply.id]));
    expect(debrief.lesson).toMatch(/decrypted a year later/);

    // The same recording does not open with any other RSA key.
    const recording = classic.envelopes
      .filter((e) => e.layer === 'tls' && e.conn === 'main')
      .flatMap((e) => e.records.map((record) => ({ from: e.from as 'client' | 'server', record })));
    const other = generateRsaKeyPair(seededRng(seed, 'another key'), 1024);
    expect(() => decryptRecordedSession(other.privateKey, recording)).toThrow(/does not open/);

    const modern = playWithBots({ scenarioId: 'key-leak', mode: 'tls13', seed });
    expect(modern.outcome.leakDecrypted).toBe(false);
    expect(modern.outcome.secretReadBy).toEqual([]);
    expect(item(modern, 'eavesdropper', 'stolen-login')).toBeUndefined();
    expect(viewFor(modern, 'spectator').debrief!.lesson).toMatch(/opened nothing/);
  });

  it('replaying (seed, moves) gives an identical classic state', () => {
    const a = play('careless-ca', true);
    expect(play('careless-ca', true)).toEqual(a);
    let st = initialState(config('careless-ca'));
    for (const h of a.history) {
      const r = applyMove(st, h.role, { version: h.version, move: h.move });
      if (!r.ok) throw new Error(r.error.message);
      st = r.value;
    }
    expect(st).toEqual(a);
  });
});

describe('classic-mode rejections teach and change nothing', () => {
  it('the ClientHello and ServerHello offer the suite of the mode', () => {
    const hello = playUntil('happy-path', 'client-hello');
    expect(legalMoves(hello, 'client')[0]?.choices?.[0]?.options.map((o) => o.value)).toEqual([
      'TLS_RSA_WITH_AES_128_GCM_SHA256',
    ]);
    expectRejected(
      hello,
      'client',
      { type: 'sendClientHello', cipherSuites: ['TLS_AES_128_GCM_SHA256'] },
      'ILLEGAL_CHOICE',
    );
    const server = playUntil('happy-path', 'server-hello');
    expectRejected(
      server,
      'server',
      { type: 'sendServerHello', cipherSuite: 'TLS_AES_128_GCM_SHA256', certificateId: 'server-certificate' },
      'ILLEGAL_CHOICE',
    );
    const st = botsFrom(initialState({ scenarioId: 'happy-path', seed }), (x) => x.phase === 'client-hello');
    expectRejected(
      st,
      'client',
      { type: 'sendClientHello', cipherSuites: ['TLS_RSA_WITH_AES_128_GCM_SHA256'] },
      'ILLEGAL_CHOICE',
    );
  });

  it('sendKeyExchange: only the certificate’s public key locks the pre-master secret', () => {
    const st = playUntil('happy-path', 'client-key-exchange');
    const options = legalMoves(st, 'client')[0]?.choices?.[0]?.options.map((o) => o.value);
    expect(options).toEqual(expect.arrayContaining(['server-public-key', 'presented-certificate', 'trusted-root']));
    for (const lockWith of ['trusted-root', 'presented-certificate', 'login-secret', 'client-random'])
      expectRejected(st, 'client', { type: 'sendKeyExchange', lockWith }, 'WRONG_KEY');
    expectRejected(st, 'client', { type: 'sendKeyExchange', lockWith: 'session-keys' }, 'UNKNOWN_ITEM');
    expectRejected(st, 'server', { type: 'sendKeyExchange', lockWith: 'server-public-key' }, 'NOT_YOUR_ROLE');
    expectRejected(st, 'client', { type: 'deriveSessionKeys', pieces: ['pre-master-secret'] }, 'WRONG_PHASE');
    const verify = playUntil('happy-path', 'client-verify');
    expectRejected(verify, 'client', { type: 'sendKeyExchange', lockWith: 'server-public-key' }, 'WRONG_PHASE');
  });

  it('deriveSessionKeys: the master secret needs the pre-master secret and both randoms, on each side', () => {
    const client = playUntil('happy-path', 'client-finish');
    for (const pieces of [
      ['pre-master-secret', 'client-random'],
      ['client-random', 'server-random'],
      ['client-key-share', 'server-key-share'],
      ['pre-master-secret', 'client-random', 'server-random', 'login-secret'],
    ])
      expectRejected(client, 'client', { type: 'deriveSessionKeys', pieces }, 'WRONG_PIECES');
    expectRejected(client, 'client', { type: 'sendRequest', lockWith: 'session-keys' }, 'WRONG_PHASE');
    const server = playUntil('happy-path', 'server-finish');
    expectRejected(server, 'server', { type: 'deriveSessionKeys', pieces: ['server-random'] }, 'WRONG_PIECES');
    expectRejected(server, 'server', { type: 'sendReply', lockWith: 'session-keys' }, 'WRONG_PHASE');
  });

  it('the TLS 1.3 ClientHello edits are not moves of a classic round', () => {
    const st = playUntil('happy-path', 'intercept');
    const hello = st.envelopes.find((e) => e.kind === 'client-hello' && e.status === 'held')!;
    expect(legalMoves(st, 'eavesdropper').some((m) => m.type === 'editClientHello')).toBe(false);
    expectRejected(
      st,
      'eavesdropper',
      { type: 'editClientHello', envelopeId: hello.id, edit: 'substitute-key-share' },
      'ILLEGAL_CHOICE',
    );
  });

  it('a tampered ClientKeyExchange is caught at the server’s Finished check', () => {
    let st = playUntil('happy-path', 'client-finish');
    // Back up: the eavesdropper held the key exchange before client-finish; replay that step with a tamper.
    const history = st.history;
    st = initialState(config('happy-path'));
    for (const h of history) {
      const envelope = h.move.type === 'forwardEnvelope' ? st.envelopes[h.move.envelopeId] : undefined;
      const move =
        envelope?.kind === 'client-key-exchange' ? { type: 'tamperEnvelope', envelopeId: envelope.id } : h.move;
      const r = applyMove(st, h.role, { version: st.version, move });
      if (!r.ok) throw new Error(r.error.message);
      st = r.value;
    }
    const done = botsFrom(st);
    expect(done.outcome.tamperDetectedBy).toBe('server');
    expect(done.outcome.connectionAborted).toMatch(/could not check the client’s Finished/);
    expect(item(done, 'server', 'pre-master-secret')).not.toEqual(item(done, 'client', 'pre-master-secret'));
  });
});
