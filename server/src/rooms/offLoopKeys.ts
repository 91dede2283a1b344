/**
 * RSA keys made off the event loop. The engine stays synchronous and pure: a room runs an engine call through
 * `withKeysReady`; when the call needs an RSA key that is not made yet, the key maker notes its seed and throws,
 * the call's result is thrown away, and the room gets a promise for the keys (made by the worker pool from the
 * same seeds, so the same bytes) after which it runs the call again. Outside `withKeysReady` (tests, tools) keys
 * are made in place, as before. @module
 */
import { bytesToHex, type KeyPair, rsaKeyPairFromSeed, useRsaKeyMaker } from '@handshake/shared';
import { RsaKeyPool } from './rsaKeyPool.ts';

/** Keys made by workers and not yet taken by the engine (whose own cache keeps them after that). */
const READY_LIMIT = 64;
const ready = new Map<string, KeyPair>();
const inFlight = new Map<string, Promise<void>>();
const pool = new RsaKeyPool();
/** The seeds the current `withKeysReady` call asked for and did not find; null outside such a call. */
let missing: { bits: number; seed: Uint8Array }[] | null = null;

class RsaKeyNotReady extends Error {}

const keyId = (bits: number, seed: Uint8Array) => `${bits}:${bytesToHex(seed)}`;

useRsaKeyMaker((bits, seed) => {
  const id = keyId(bits, seed);
  const pair = ready.get(id);
  if (pair) {
    ready.delete(id);
    return pair;
  }
  if (!missing) return rsaKeyPairFromSeed(bits, seed);
  missing.push({ bits, seed: seed.slice() });
  throw new RsaKeyNotReady(`RSA key ${id.slice(0, 16)}… is being made`);
});

/** Starts the key workers ahead of the first key (a table calls it when it opens). */
export function warmKeyWorkers(): void {
  pool.warm();
}

export type KeyedResult<T> = { ready: true; value: T } | { ready: false; keys: Promise<void> };

/** Runs `call` if every RSA key it needs is made; otherwise starts making them and says when they will be. */
export function withKeysReady<T>(call: () => T): KeyedResult<T> {
  const asked: { bits: number; seed: Uint8Array }[] = [];
  missing = asked;
  let value: T;
  try {
    value = call();
  } catch (error) {
    if (asked.length === 0) throw error;
    value = undefined as T;
  } finally {
    missing = null;
  }
  if (asked.length === 0) return { ready: true, value };
  return { ready: false, keys: Promise.all(asked.map(({ bits, seed }) => makeOffLoop(bits, seed))).then(() => {}) };
}

function makeOffLoop(bits: number, seed: Uint8Array): Promise<void> {
  const id = keyId(bits, seed);
  let making = inFlight.get(id);
  if (!making) {
    making = pool
      .make(bits, seed)
      // A pool that cannot run (no threads on this host) must not stop the table: make the key here.
      .catch(() => rsaKeyPairFromSeed(bits, seed))
      .then((pair) => {
        ready.set(id, pair);
        if (ready.size > READY_LIMIT) ready.delete(ready.keys().next().value as string);
      })
      .finally(() => inFlight.delete(id));
    inFlight.set(id, making);
  }
  return making;
}
