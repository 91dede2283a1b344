import { describe, expect, it } from 'vitest';
import { parseClientHello, parseServerHello } from '../../tls13/messages.ts';
import { splitRecords } from '../../tls13/record.ts';
import { playWithBots } from '../play.ts';
import type { Envelope } from '../state.ts';

const seed = new Uint8Array(32).fill(12);
const message = (e: Envelope) => splitRecords(e.records[0]!)[0]!.fragment;

describe('the downgrade scenario (12) as a real server would see it', () => {
  const st = playWithBots({ scenarioId: 'downgrade', mode: 'tls13', seed });
  const hello = st.envelopes.find((e) => e.kind === 'client-hello')!;
  const serverHello = parseServerHello(message(st.envelopes.find((e) => e.kind === 'server-hello')!));
  const clientHello = parseClientHello(message(hello));

  it('the ClientHello, as edited, still offers TLS 1.2 suites, so a TLS 1.2 server has something to pick', () => {
    expect(hello.interference).toBe('edited');
    expect(clientHello.supportedVersions).toBeUndefined();
    expect(clientHello.cipherSuites).toEqual(expect.arrayContaining([0xc02b, 0x009c]));
  });

  it('the downgraded ServerHello picks a suite from that list, with a fresh session id and the sentinel', () => {
    expect(serverHello.legacyVersion).toBe(0x0303);
    expect(clientHello.cipherSuites).toContain(serverHello.cipherSuite);
    expect(serverHello.cipherSuite).toBe(0xc02b);
    expect(serverHello.legacySessionIdEcho).toHaveLength(32);
    expect(serverHello.legacySessionIdEcho).not.toEqual(clientHello.legacySessionId);
    expect(serverHello.downgradeSentinel).toBe('TLS12');
  });

  it('the client still catches it, and says so with an alert', () => {
    expect(st.outcome.connectionAborted).toMatch(/Downgrade detected/);
    expect(st.envelopes.at(-1)).toMatchObject({ kind: 'alert', about: 'illegal_parameter', locks: [null] });
  });
});
