/**
 * A worker thread that makes RSA key pairs from seeds, off the rooms' event loop. It uses the same primality
 * test as the main thread (nativeCrypto.ts), so a seed gives the same key here as there. @module
 */
import { parentPort } from 'node:worker_threads';
import '../nativeCrypto.ts';
import { rsaKeyPairFromSeed } from '@handshake/shared';

export interface RsaKeyJob {
  id: number;
  bits: number;
  seed: Uint8Array;
}

parentPort?.on('message', ({ id, bits, seed }: RsaKeyJob) => {
  try {
    parentPort?.postMessage({ id, pair: rsaKeyPairFromSeed(bits, seed) });
  } catch (error) {
    parentPort?.postMessage({ id, error: (error as Error).message });
  }
});
