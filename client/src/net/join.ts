/**
 * Joining by code: the home page's code box and join links call `joinByCode`, which asks the server for a
 * seat and connects to it. The result says where to go next, so other kinds of codes (a class session)
 * can be answered here too without the home page changing.
 * @module
 */
import { Client } from '@colyseus/sdk';
import {
  type CreateTableResponse,
  checkNicknameForm,
  isRoomCode,
  type JoinByCodeResponse,
  type PublicTableState,
  type TableJoinOptions,
} from '@handshake/shared';
import { enterClass } from '../class/studentJoin.ts';
import { errorFrom, joinRequestBody, serverOrigin, UNREACHABLE } from './endpoint.ts';
import { holdSession, rememberReconnection, savedReconnection } from './heldSessions.ts';
import { RemoteTableSession } from './remoteTableSession.ts';

export type JoinOptions = Omit<TableJoinOptions, 'nickname' | 'protocolVersion'>;

export type JoinResult =
  | { ok: true; code: string /** The page to open next, e.g. `/table/K7QX2M`. */; path: string }
  | { ok: false; error: { code: string; message: string } };

/** Letters and digits only, upper case: what people type is forgiving ("k7qx 2m" → "K7QX2M"). */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export async function joinByCode(rawCode: string, nickname: string, options: JoinOptions = {}): Promise<JoinResult> {
  const code = normalizeCode(rawCode);
  if (code.length === 0) return { ok: false, error: { code: 'NO_CODE', message: 'Type the code your host gave you.' } };
  if (!isRoomCode(code)) {
    return { ok: false, error: { code: 'NOT_A_CODE', message: 'A code is six letters and digits, like K7QX2M.' } };
  }
  // An empty nickname still goes to the server: a class that hands out nicknames accepts it, a table says it is missing.
  const typed = nickname.trim() ? checkNicknameForm(nickname) : null;
  if (typed && !typed.ok) return typed;
  const trimmed = typed?.value ?? '';
  let response: Response;
  try {
    // One code namespace: the server answers whether the code is a class session or a table.
    response = await fetch(`${serverOrigin()}/api/join/${encodeURIComponent(code)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(joinRequestBody(trimmed ? { ...options, nickname: trimmed } : options)),
    });
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  if (!response.ok) return { ok: false, error: await errorFrom(response) };
  const answer = (await response.json()) as JoinByCodeResponse;
  if (answer.kind === 'class') return enterClass(answer);
  try {
    const session = await openTableSession(answer.reservation, trimmed);
    holdSession(code, session);
    rememberReconnection(code, session.reconnectionToken, trimmed);
    return { ok: true, code, path: `/table/${code}` };
  } catch (error) {
    return { ok: false, error: { code: 'CONNECT_FAILED', message: connectFailure(error) } };
  }
}

/** Takes a reserved seat at a table (from a join answer, or a class's `seat` message) as a TableSession. */
export async function openTableSession(reservation: unknown, nickname: string): Promise<RemoteTableSession> {
  const seat = reservation as Parameters<Client['consumeSeatReservation']>[0];
  const room = await new Client(serverOrigin()).consumeSeatReservation<PublicTableState>(seat);
  return new RemoteTableSession(room, nickname);
}

/** Comes back to the seat this browser held at `code` before a reload; null when that is no longer possible. */
export async function rejoinTable(code: string): Promise<RemoteTableSession | null> {
  const saved = savedReconnection(code);
  if (!saved) return null;
  try {
    const room = await new Client(serverOrigin()).reconnect<PublicTableState>(saved.token);
    const session = new RemoteTableSession(room, saved.nickname);
    rememberReconnection(code, room.reconnectionToken, saved.nickname);
    return session;
  } catch {
    return null;
  }
}

/** Creates a table for its host, whose nickname the server checks first; its host key makes them the host. */
export async function createTable(
  nickname: string,
): Promise<{ ok: true; code: string; hostKey: string } | { ok: false; error: { code: string; message: string } }> {
  try {
    const response = await fetch(`${serverOrigin()}/api/tables`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname }),
    });
    if (!response.ok) return { ok: false, error: await errorFrom(response) };
    const { code, hostKey } = (await response.json()) as CreateTableResponse;
    return { ok: true, code, hostKey };
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
}

function connectFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // The room refuses with "CODE: sentence"; show the sentence.
  const sentence = text.match(/^[A-Z_]+: (.+)$/)?.[1];
  return sentence ?? 'Your seat was reserved but the connection failed; try again.';
}
