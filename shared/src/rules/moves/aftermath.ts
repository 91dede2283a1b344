/** After the round: the server's long-term key leaks, and the eavesdropper tries it on its recording. @module */
import { decryptRecordedSession, type RecordedRecord } from '../../tls12/leak.ts';
import { give, log } from '../context.ts';
import type { TableState } from '../state.ts';
import { ok, type Result } from '../types.ts';
import { bodyOf } from '../world/http.ts';
import { privateKeyBytes } from '../world/pki.ts';
import { endRound } from '../world/roundEnd.ts';
import { setConnection } from '../world/sessions.ts';
import { moveSchema } from './fields.ts';
import { tlsFailure } from './handshake13.ts';
import { defineMove, ready } from './spec.ts';

function useLeakedKeyApply(state: TableState): Result<void> {
  const key = state.keyPairs['server-long-term-key'];
  if (key)
    give(state, 'eavesdropper', {
      id: 'leaked-server-key',
      kind: key.algorithm === 'RSA' ? 'rsa-private-key' : 'signing-key',
      label: 'The server’s leaked long-term private key',
      secret: true,
      bytes: privateKeyBytes(key),
    });
  if (state.mode === 'tls12-rsa' && key?.algorithm === 'RSA') openRecording(state, key.privateKey);
  else {
    // TLS 1.3: the long-term key only ever signed; the session keys came from ephemeral x25519 shares that
    // were never recorded, so there is nothing this key can decrypt (forward secrecy).
    state.outcome.leakDecrypted = false;
    log(state, 'eavesdropper', 'With TLS 1.3 the leaked key only signs: the recording stays closed (forward secrecy).');
  }
  endRound(state);
  return ok(undefined);
}

/**
 * Classic mode: the recording of the real connection, opened with the leaked RSA key — the ClientKeyExchange
 * gives the pre-master secret, hence the master secret and every record key (RFC 5246 §7.4.7.1, §8.1).
 */
function openRecording(state: TableState, privateKey: { n: bigint; d: bigint }): void {
  const recording: RecordedRecord[] = state.envelopes
    .filter((e) => e.channel === 'wire' && e.layer === 'tls' && e.conn === 'main' && e.sentBy !== 'eavesdropper')
    .filter((e) => e.from === 'client' || e.from === 'server')
    .flatMap((e) => e.records.map((record) => ({ from: e.from as 'client' | 'server', record })));
  let recovered: ReturnType<typeof decryptRecordedSession>;
  try {
    recovered = decryptRecordedSession(privateKey, recording);
  } catch (error) {
    state.outcome.leakDecrypted = false;
    log(state, 'eavesdropper', `The leaked key did not open the recording (${tlsFailure(error)}).`);
    return;
  }
  state.outcome.leakDecrypted = true;
  give(state, 'eavesdropper', {
    id: 'recovered-pre-master-secret',
    kind: 'pre-master-secret',
    label: 'The pre-master secret, opened from the recorded ClientKeyExchange with the leaked key',
    secret: true,
    bytes: recovered.preMasterSecret,
  });
  const { keyBlock } = recovered;
  // With the key block the eavesdropper holds the session keys of the recorded connection, both directions.
  setConnection(state, 'eavesdropper', 'main', {
    version: 'tls12',
    connection: {
      phase: 'connected',
      role: 'client',
      clientRandom: recovered.clientRandom,
      serverRandom: recovered.serverRandom,
      preMasterSecret: recovered.preMasterSecret,
      masterSecret: recovered.masterSecret,
      read: { key: keyBlock.serverWriteKey, salt: keyBlock.serverWriteIv, seq: 0 },
      write: { key: keyBlock.clientWriteKey, salt: keyBlock.clientWriteIv, seq: 0 },
    },
  });
  const login = recovered.applicationData.find((d) => d.from === 'client');
  if (login) {
    state.outcome.secretReadBy.push('eavesdropper');
    give(state, 'eavesdropper', {
      id: 'stolen-login',
      kind: 'login-secret',
      label: 'The client’s login, decrypted from last year’s recording',
      secret: true,
      bytes: bodyOf(login.data),
    });
  }
  log(
    state,
    'eavesdropper',
    `With RSA key transport the leaked key opened the recorded ClientKeyExchange: pre-master secret, master secret, then ${recovered.applicationData.length} recorded record(s) in plain text${login ? ', the login among them' : ''}.`,
  );
}

export const UseLeakedKeyMove = moveSchema('useLeakedKey', {});

export const useLeakedKey = defineMove({
  schema: UseLeakedKeyMove,
  turns: { leak: ['eavesdropper'] },
  words: 'use the leaked key',
  concept: 'Forward secrecy: a leaked server key opens recorded traffic only if the session keys depended on that key.',
  options: () => [
    ready(
      { type: 'useLeakedKey' },
      'Open the recording with the leaked key',
      'Try the server’s private key on the traffic you recorded.',
    ),
  ],
  apply: (state) => useLeakedKeyApply(state),
  bot: () => ({ type: 'useLeakedKey' }),
});

/** This module's moves in the order they are offered; moves/index.ts builds the registry from these two lists. */
export const SCHEMAS = [UseLeakedKeyMove] as const;
export const SPECS = [useLeakedKey] as const;
