import { describe, expect, it } from 'vitest';
import { playWithBots } from './play.ts';
import { SCENARIOS } from './scenarios.ts';
import { totals } from './scoring.ts';

const seed = new Uint8Array(32).fill(3);
const play = (id: string, careless = false) =>
  playWithBots({ scenarioId: id, mode: 'tls13', seed }, careless ? { client: 'careless' } : {});

describe('every TLS 1.3 scenario, played by bots to its debrief', () => {
  it('ends each scenario in the debrief', () => {
    for (const s of SCENARIOS.filter((x) => x.modes.includes('tls13'))) expect(play(s.id).phase, s.id).toBe('debrief');
  });

  it('happy path: a secure session, and the listener only learned the site name', () => {
    const st = play('happy-path');
    expect(st.outcome.sessionCompleted).toBe(true);
    expect(st.outcome.secretReadBy).toEqual([]);
    expect(st.outcome.sniSeenBy).toContain('eavesdropper');
    expect(totals(st.scores)).toEqual({ client: 3, server: 2, ca: 2, eavesdropper: 1 });
  });

  it('a flipped byte and a replayed record fail the AEAD check at the server', () => {
    for (const id of ['tampered-record', 'replayed-record']) {
      const st = play(id);
      expect(st.outcome.tamperDetectedBy, id).toBe('server');
      expect(st.outcome.connectionAborted, id).toMatch(/bad_record_mac/);
      expect(st.outcome.secretReadBy).toEqual([]);
    }
  });

  it.each([
    ['self-signed', 'SELF_SIGNED'],
    ['wrong-name', 'NAME_MISMATCH'],
    ['expired', 'EXPIRED'],
    ['copied-certificate', 'KEY_MISMATCH'],
    ['lookalike', 'LOOKALIKE_NAME'],
  ])('%s: a careful client refuses (%s); a careless one is read', (id, reason) => {
    expect(play(id).outcome.clientRejected).toBe(reason);
    const careless = play(id, true);
    if (id === 'copied-certificate') {
      // Without the certificate's private key the impostor's signature fails whatever the client clicks.
      expect(careless.outcome.secretReadBy).toEqual([]);
      expect(careless.outcome.connectionAborted).toMatch(/CertificateVerify/);
    } else {
      expect(careless.outcome.secretReadBy).toEqual(['eavesdropper']);
      expect(careless.pockets.eavesdropper.find((i) => i.id === 'stolen-login')?.bytes).toEqual(
        careless.pockets.client.find((i) => i.id === 'login-secret')?.bytes,
      );
    }
  });

  it('impostor at the CA: the domain challenge fails and the CA refuses', () => {
    const st = play('impostor-request');
    const impostor = st.requests.find((q) => q.requester === 'eavesdropper')!;
    expect(impostor.status).toBe('refused');
    expect(st.outcome.misIssued).toBe(false);
    expect(st.outcome.sessionCompleted).toBe(true);
  });

  it('careless CA: mis-issuance lets the eavesdropper read silently, every browser check passing', () => {
    const st = play('careless-ca');
    expect(st.outcome.misIssued).toBe(true);
    expect(st.validation?.checks.every((c) => c.ok)).toBe(true);
    expect(st.outcome.secretReadBy).toEqual(['eavesdropper']);
    expect(totals(st.scores).ca).toBeLessThan(0);
  });

  it('key-share substitution and downgrade are caught by the client', () => {
    expect(play('key-share-mitm').outcome.connectionAborted).toMatch(/could not open the server’s flight/);
    expect(play('downgrade').outcome.connectionAborted).toMatch(/Downgrade detected/);
  });

  it('stripping: a careful client refuses plain http, a careless one leaks the login', () => {
    expect(play('ssl-stripping').outcome.connectionAborted).toMatch(/plain http/);
    expect(play('ssl-stripping', true).outcome.secretReadBy).toEqual(['eavesdropper']);
  });

  it('key leak under TLS 1.3 opens nothing (forward secrecy)', () => {
    const st = play('key-leak');
    expect(st.outcome.leakDecrypted).toBe(false);
    expect(st.pockets.eavesdropper.some((i) => i.id === 'leaked-server-key')).toBe(true);
  });

  it('a forged TCP reset stops the login without reading it: nobody is served, nothing leaks', () => {
    const st = play('forged-reset');
    expect(st.outcome.connectionAborted).toMatch(/TCP reset/);
    expect(st.outcome.secretReadBy).toEqual([]);
    expect(st.outcome.sessionCompleted).toBe(false);
    expect(st.envelopes.find((e) => e.kind === 'login')?.status).toBe('dropped');
    expect(st.pockets.server.some((i) => i.id === 'received-login')).toBe(false);
  });

  it('replaying (seed, moves) gives an identical state', () => {
    const a = play('careless-ca');
    const b = play('careless-ca');
    expect(b).toEqual(a);
  });
});
