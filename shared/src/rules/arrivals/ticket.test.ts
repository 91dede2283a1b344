import { describe, expect, it } from 'vitest';
import { playWithBots } from '../play.ts';
import type { TableState } from '../state.ts';
import { viewFor } from '../view.ts';

const seed = new Uint8Array(32).fill(9);
const play = (scenarioId: string, mode: 'tls13' | 'tls12-rsa') =>
  playWithBots({ scenarioId, mode, seed, rsaBits: 1024 });
const replies = (st: TableState) => st.envelopes.filter((e) => e.kind === 'reply');

describe('a TLS 1.3 server sends a NewSessionTicket with its reply (RFC 8446 §4.6.1)', () => {
  it('two records in the reply’s envelope, both under the application keys; the client keeps the ticket', () => {
    const st = play('happy-path', 'tls13');
    const [reply] = replies(st);
    expect(reply!.records).toHaveLength(2);
    expect(reply!.locks).toEqual(['application-keys', 'application-keys']);
    expect(st.outcome.replyDelivered).toBe(true);
    const tickets =
      st.endpoints['client:main']!.live!.version === 'tls13'
        ? st.endpoints['client:main']!.live!.connection.tickets
        : [];
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.ticketLifetime).toBe(7200);
    expect(tickets[0]!.ticket).toHaveLength(64);
  });

  it('the client’s inspector names the ticket and labels its fields; the eavesdropper sees sealed bytes', () => {
    const st = play('happy-path', 'tls13');
    const id = replies(st)[0]!.id;
    const [ticket, data] = viewFor(st, 'client').envelopes.find((e) => e.id === id)!.records;
    expect(ticket!.opened).toMatchObject({ message: 'NewSessionTicket', text: null });
    expect(ticket!.opened!.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['msg_type', 'ticket_lifetime', 'ticket_age_add', 'ticket_nonce', 'ticket']),
    );
    expect(data!.opened).toMatchObject({ message: null, text: expect.stringMatching(/^HTTP\/1\.1 200 OK/) });
    const seen = viewFor(st, 'eavesdropper').envelopes.find((e) => e.id === id)!;
    expect(seen.records.map((r) => r.opened)).toEqual([null, null]);
    expect(seen.records.map((r) => r.lock)).toEqual(['application keys', 'application keys']);
  });

  it('an impersonating eavesdropper’s server stack sends the client a ticket of its own', () => {
    const st = play('careless-ca', 'tls13');
    const toClient = replies(st).find((e) => e.conn === 'mitm-client')!;
    expect(toClient.records).toHaveLength(2);
    // The eavesdropper's client stack kept the real server's ticket on the other half.
    const relay = st.endpoints['eavesdropper:mitm-server']!.live!;
    expect(relay.version === 'tls13' ? relay.connection.tickets : []).toHaveLength(1);
    const live = st.endpoints['client:mitm-client']!.live!;
    expect(live.version === 'tls13' ? live.connection.tickets : []).toHaveLength(1);
  });

  it('TLS 1.2 has no NewSessionTicket here: the reply is one record', () => {
    const st = play('happy-path', 'tls12-rsa');
    expect(replies(st)[0]!.records).toHaveLength(1);
  });
});
