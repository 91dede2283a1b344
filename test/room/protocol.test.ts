/**
 * The wire protocol at the rooms' boundary: a malformed payload of every client message type, for tables and
 * classes, is answered to its sender with a code and a sentence naming the message — never SERVER_ERROR,
 * never silence — and the room goes on; a client of another protocol version is refused, over HTTP and at
 * the WebSocket join, with a sentence and the named close code.
 */
import { matchMaker } from '@colyseus/core';
import { Client } from '@colyseus/sdk';
import {
  CLIENT_TO_SERVER_CLASS_TYPES,
  CLIENT_TO_SERVER_TABLE_TYPES,
  CLOSE_CODES,
  type ClientToServerClassType,
  type ClientToServerTableType,
  PROTOCOL_VERSION,
} from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectHost, createClass, http, joinClass, startClassServer } from './classHelpers.ts';
import { createTable, joinTable, requestJoin, type TestServer, until } from './helpers.ts';

/** One malformed payload per message type: the compiler keeps both lists complete. */
const MALFORMED_TABLE_PAYLOADS = {
  move: { version: 'one', move: 42 },
  pickRole: { role: 7 },
  configure: { scenarioId: ['happy-path'] },
  start: 'right now',
  remove: { sessionId: { $ne: '' } },
  requestView: 'the whole thing',
  showSpectators: { all: 'please' },
} satisfies Record<ClientToServerTableType, unknown>;

const MALFORMED_CLASS_PAYLOADS = {
  configure: { rounds: 'four' },
  rename: { studentId: 's1', nickname: 42 },
  remove: ['s1'],
  ban: { studentId: true },
  lock: { locked: 'maybe' },
  setTimeAllowance: { studentId: 's1', allowance: { times: 2 } },
  setTeam: { studentId: 's1' },
  start: { now: true },
  nextRound: { force: 'yes' },
  pause: 'for a minute',
  resume: 1,
  end: { really: true },
  requestSeat: { table: 2 },
  tableDebrief: { tableNumber: 'one' },
  admission: { maxStudents: 'lots' },
  approve: { studentId: 7 },
} satisfies Record<ClientToServerClassType, unknown>;

let server: TestServer;
beforeAll(async () => {
  server = await startClassServer();
});
afterAll(() => server.close());

describe('malformed messages', () => {
  it('a table answers a malformed payload of every message type to its sender, readably, and goes on', async () => {
    const { code, hostKey } = await createTable(server.httpUrl);
    const host = await joinTable(server.httpUrl, code, { nickname: 'Host', hostKey });
    const other = await joinTable(server.httpUrl, code, { nickname: 'Other' });
    for (const type of CLIENT_TO_SERVER_TABLE_TYPES) host.send(type, MALFORMED_TABLE_PAYLOADS[type]);
    await until(() => host.rejections.length === CLIENT_TO_SERVER_TABLE_TYPES.length, 'every rejection');
    for (const [i, type] of CLIENT_TO_SERVER_TABLE_TYPES.entries()) {
      expect(host.rejections[i]).toMatchObject({
        request: type,
        code: type === 'move' ? 'MALFORMED_MOVE' : 'MALFORMED_REQUEST',
        message: expect.stringMatching(/not well formed/),
      });
    }
    // The same connection, and the room, go on: a well-formed start is played.
    host.send('start');
    await until(() => host.room.state.round === 1, 'the round to start');
    expect(host.room.connection.isOpen).toBe(true);
    expect(other.rejections).toEqual([]);
    await Promise.all([host.leave(), other.leave()]);
  });

  it('a class answers a malformed payload of every message type to its sender, readably, and goes on', async () => {
    const session = await createClass(server.httpUrl);
    const host = await connectHost(server.httpUrl, session.code, session.hostKey);
    const student = await joinClass(server.httpUrl, session.code, { nickname: 'Ada' });
    for (const type of CLIENT_TO_SERVER_CLASS_TYPES) host.send(type, MALFORMED_CLASS_PAYLOADS[type]);
    await until(() => host.rejections.length === CLIENT_TO_SERVER_CLASS_TYPES.length, 'every rejection');
    for (const [i, type] of CLIENT_TO_SERVER_CLASS_TYPES.entries()) {
      expect(host.rejections[i]).toMatchObject({
        request: type,
        code: 'MALFORMED_REQUEST',
        message: expect.stringContaining(`The "${type}" message is not well formed`),
      });
    }
    host.send('lock', { locked: true });
    await until(() => host.state.locked, 'a well-formed lock to apply');
    expect(student.rejections).toEqual([]);
    expect(host.state.settings.rounds).toBe(4);
  });
});

describe('the protocol version', () => {
  /** Older, missing, and a number sent as text. */
  const staleVersions = [PROTOCOL_VERSION - 1, undefined, String(PROTOCOL_VERSION)];

  it('a table join from another version is refused over HTTP with a sentence', async () => {
    const { code } = await createTable(server.httpUrl);
    for (const protocolVersion of staleVersions) {
      const answer = await requestJoin(server.httpUrl, code, { nickname: 'Old', protocolVersion });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({
        error: {
          code: 'PROTOCOL_MISMATCH',
          message: 'This page is older than the game server: reload the page to join.',
        },
      });
    }
    const newer = await requestJoin(server.httpUrl, code, { nickname: 'New', protocolVersion: PROTOCOL_VERSION + 1 });
    expect(((await newer.json()) as { error: { message: string } }).error.message).toMatch(
      /newer than the game server/,
    );
  });

  it('a class join and a host connection from another version are refused over HTTP', async () => {
    const session = await createClass(server.httpUrl);
    const stale = { nickname: 'Old', protocolVersion: PROTOCOL_VERSION - 1 };
    for (const path of [`/api/join/${session.code}`, `/api/classes/${session.code}/join`]) {
      const answer = await http(`${server.httpUrl}${path}`, { body: stale });
      expect([answer.status, answer.body.error?.code]).toEqual([400, 'PROTOCOL_MISMATCH']);
    }
    const host = await http(`${server.httpUrl}/api/classes/${session.code}/host`, {
      body: { protocolVersion: undefined },
      headers: { 'x-host-key': session.hostKey },
    });
    expect([host.status, host.body.error?.code]).toEqual([400, 'PROTOCOL_MISMATCH']);
    expect(host.body.error?.message).toMatch(/reload the page/);
  });

  it('a seat reserved for another version is refused at the WebSocket join with the named code', async () => {
    const { code } = await createTable(server.httpUrl);
    // Reserved server-side, past the HTTP check, as a reservation carrying a client's options would be.
    const reservation = await matchMaker.joinById(code, { nickname: 'Old', protocolVersion: PROTOCOL_VERSION - 1 });
    // biome-ignore lint/suspicious/noExplicitAny: the reservation is the matchmaker's, passed through untouched
    const joining = new Client(server.httpUrl).consumeSeatReservation(reservation as any);
    await expect(joining).rejects.toMatchObject({
      code: CLOSE_CODES.PROTOCOL_MISMATCH,
      message: expect.stringMatching(/^PROTOCOL_MISMATCH: .*reload the page/),
    });
  });
});
