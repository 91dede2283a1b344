/** After the round: the server's long-term key leaks, and the eavesdropper tries it on its recording. @module */
import { give, log } from '../context.ts';
import type { TableState } from '../state.ts';
import { ok, type Result } from '../types.ts';
import { privateKeyBytes } from '../world/pki.ts';
import { endRound } from './roundEnd.ts';

export function useLeakedKey(state: TableState): Result<void> {
  const key = state.keyPairs['server-long-term-key'];
  if (key)
    give(state, 'eavesdropper', {
      id: 'leaked-server-key',
      kind: key.algorithm === 'RSA' ? 'rsa-private-key' : 'signing-key',
      label: 'The server’s leaked long-term private key',
      secret: true,
      bytes: privateKeyBytes(key),
    });
  // TLS 1.3: the long-term key only ever signed; the session keys came from ephemeral x25519 shares that
  // were never recorded, so there is nothing this key can decrypt (forward secrecy).
  state.outcome.leakDecrypted = false;
  log(state, 'eavesdropper', 'With TLS 1.3 the leaked key only signs: the recording stays closed (forward secrecy).');
  endRound(state);
  return ok(undefined);
}
