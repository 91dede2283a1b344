import { initialState, rsaKeyPairFromSeed, seededRng, usePlatformPrimeCheck } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { withKeysReady } from './offLoopKeys.ts';
import { RsaKeyPool } from './rsaKeyPool.ts';

describe('RSA keys made off the event loop', () => {
  it('a worker makes the same key from a seed as the pure-JS path', async () => {
    const seed = seededRng(new Uint8Array(32), 'off-loop-test').bytes(32);
    const fromWorker = await new RsaKeyPool().make(1024, seed);
    usePlatformPrimeCheck(null);
    expect(fromWorker).toEqual(rsaKeyPairFromSeed(1024, seed));
  }, 30_000);

  it('an engine call that needs a key is answered later, with the state it would have made in place', async () => {
    const config = {
      scenarioId: 'self-signed',
      mode: 'tls12-rsa' as const,
      seed: new Uint8Array(32).fill(7),
      rsaBits: 1024,
    };
    let attempt = withKeysReady(() => initialState(config));
    let waits = 0;
    while (!attempt.ready) {
      waits++;
      await attempt.keys;
      attempt = withKeysReady(() => initialState(config));
    }
    expect(waits).toBeGreaterThan(0);
    expect(attempt.value).toEqual(initialState(config));
  }, 30_000);

  it('outside withKeysReady keys are made in place, and errors that are not about keys pass through', () => {
    expect(() =>
      withKeysReady(() => {
        throw new TypeError('not a key');
      }),
    ).toThrow(TypeError);
    expect(withKeysReady(() => 42)).toEqual({ ready: true, value: 42 });
  });
});
