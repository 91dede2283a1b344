/**
 * The projector link's key: the host gets it with the host key; with it a screen watches the class and
 * controls nothing; it is not the host key and opens nothing else.
 */
import { Client } from '@colyseus/sdk';
import type { PublicClass } from '@handshake/server/class/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassMember, createClass, http, startClassServer } from './classHelpers.ts';
import { type TestServer, until } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startClassServer();
});
afterAll(() => server.close());

describe('the projector key', () => {
  it('is given to the host only, opens a watching connection, and controls nothing', async () => {
    const session = await createClass(server.httpUrl);
    const url = `${server.httpUrl}/api/classes/${session.code}`;
    expect((await http(`${url}/projector-key`, { method: 'POST' })).status).toBe(401);
    const wrongHost = await http(`${url}/projector-key`, { method: 'POST', headers: { 'x-host-key': 'k'.repeat(40) } });
    expect([wrongHost.status, wrongHost.body.error?.code]).toEqual([403, 'NOT_HOST']);
    const given = await http<{ projectorKey: string }>(`${url}/projector-key`, {
      method: 'POST',
      headers: { 'x-host-key': session.hostKey },
    });
    expect(given.status).toBe(200);
    const { projectorKey } = given.body;
    expect(projectorKey).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(projectorKey).not.toBe(session.hostKey);

    // It is no host key: the host route and the results refuse it.
    expect((await http(`${url}/host`, { method: 'POST', headers: { 'x-host-key': projectorKey } })).status).toBe(403);
    const listing = await http(`${server.httpUrl}/api/classes`, { headers: { 'x-host-key': projectorKey } });
    expect(listing.body).toEqual({ sessions: [] });
    const wrong = await http(`${url}/projector`, { body: { projectorKey: 'p'.repeat(40) } });
    expect([wrong.status, wrong.body.error?.code]).toEqual([403, 'NOT_HOST']);

    const answer = await http<{ reservation: unknown }>(`${url}/projector`, { body: { projectorKey } });
    expect(answer.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: the reservation is the server's JSON, passed through untouched
    const room = await new Client(server.httpUrl).consumeSeatReservation<PublicClass>(answer.body.reservation as any);
    const projector = new ClassMember(room);
    await until(() => projector.state?.code === session.code, 'the class state');
    expect(projector.state.hostConnected).toBe(false);
    for (const type of ['pause', 'lock', 'nextRound', 'end']) projector.send(type, {});
    await until(() => projector.rejections.length === 4, 'four refusals');
    expect(projector.rejections.map((r) => r.code)).toEqual(Array(4).fill('NOT_HOST'));
    expect([projector.state.paused, projector.state.locked, projector.state.status]).toEqual([false, false, 'lobby']);
    await room.leave();
  });
});
