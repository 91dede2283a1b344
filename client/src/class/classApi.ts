/**
 * The teacher's HTTP calls (see server/src/class/README.md): create a session, open a host connection,
 * list past sessions, read results and the CSV, delete. Secrets travel in headers, never in URLs.
 * @module
 */
import { Client } from '@colyseus/sdk';
import {
  type ClassResults,
  type ClassSessionListing,
  type CreateClassRequest,
  type CreateClassResponse,
  HOST_KEY_HEADER,
  type HostJoinResponse,
  type PublicClassState,
  TEACHER_PASSWORD_HEADER,
} from '@handshake/shared';
import { errorFrom, joinRequestBody, serverOrigin, UNREACHABLE } from '../net/endpoint.ts';
import type { ClassRoom } from './studentPass.ts';
import { savedHostKey, savedTeacherPassword } from './teacherKeys.ts';

export interface ApiError {
  code: string;
  message: string;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

const NO_HOST_KEY: ApiError = {
  code: 'HOST_KEY_REQUIRED',
  message: 'This browser has not hosted a class yet: create a session first.',
};

function teacherHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const key = savedHostKey();
  if (key) headers[HOST_KEY_HEADER] = key;
  const password = savedTeacherPassword();
  if (password) headers[TEACHER_PASSWORD_HEADER] = password;
  return headers;
}

async function call<T>(
  path: string,
  init: { method?: string; body?: unknown },
  read: (r: Response) => Promise<T>,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${serverOrigin()}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...teacherHeaders() },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  if (!response.ok) return { ok: false, error: await errorFrom(response) };
  return { ok: true, value: await read(response) };
}

const json = <T>(r: Response) => r.json() as Promise<T>;

export function createClassSession(request: CreateClassRequest): Promise<ApiResult<CreateClassResponse>> {
  return call('/api/classes', { body: request }, json<CreateClassResponse>);
}

/** A connection to the class room with host powers (the dashboard, or the projector in the host's browser). */
export async function connectAsHost(code: string): Promise<ApiResult<{ room: ClassRoom; sessionId: string }>> {
  if (!savedHostKey()) return { ok: false, error: NO_HOST_KEY };
  const answer = await call(
    `/api/classes/${encodeURIComponent(code)}/host`,
    { body: joinRequestBody({}) },
    json<HostJoinResponse>,
  );
  if (!answer.ok) return answer;
  const room = await consume(answer.value.reservation);
  return room.ok ? { ok: true, value: { room: room.value, sessionId: answer.value.sessionId } } : room;
}

/** The key of this session's projector link (host only): it opens the projector view on any screen, nothing else. */
export async function projectorKey(code: string): Promise<ApiResult<string>> {
  const answer = await call(
    `/api/classes/${encodeURIComponent(code)}/projector-key`,
    { method: 'POST' },
    json<{ projectorKey: string }>,
  );
  return answer.ok ? { ok: true, value: answer.value.projectorKey } : answer;
}

/** A watching connection for the projector, with the key its link carries. */
export async function connectAsProjector(code: string, key: string): Promise<ApiResult<{ room: ClassRoom }>> {
  const answer = await call(
    `/api/classes/${encodeURIComponent(code)}/projector`,
    { body: { projectorKey: key } },
    json<{ reservation: unknown }>,
  );
  if (!answer.ok) return answer;
  const room = await consume(answer.value.reservation);
  return room.ok ? { ok: true, value: { room: room.value } } : room;
}

async function consume(reservation: unknown): Promise<ApiResult<ClassRoom>> {
  try {
    const seat = reservation as Parameters<Client['consumeSeatReservation']>[0];
    return { ok: true, value: await new Client(serverOrigin()).consumeSeatReservation<PublicClassState>(seat) };
  } catch {
    return {
      ok: false,
      error: { code: 'CONNECT_FAILED', message: 'The class session could not be reached; try again.' },
    };
  }
}

export async function listSessions(): Promise<ApiResult<ClassSessionListing[]>> {
  if (!savedHostKey()) return { ok: true, value: [] };
  const answer = await call('/api/classes', {}, json<{ sessions: ClassSessionListing[] }>);
  return answer.ok ? { ok: true, value: answer.value.sessions } : answer;
}

export function sessionResults(sessionId: string): Promise<ApiResult<ClassResults>> {
  return call(`/api/classes/${encodeURIComponent(sessionId)}/results`, {}, json<ClassResults>);
}

/** The CSV as a file; fetched with the secret headers, then handed to the browser as a download. */
export async function sessionCsv(sessionId: string): Promise<ApiResult<{ blob: Blob; filename: string }>> {
  return call(`/api/classes/${encodeURIComponent(sessionId)}/results.csv`, {}, async (r) => {
    const disposition = r.headers.get('content-disposition') ?? '';
    const filename = disposition.match(/filename="([^"]+)"/)?.[1] ?? `handshake-${sessionId}.csv`;
    return { blob: await r.blob(), filename };
  });
}

export function deleteSession(sessionId: string): Promise<ApiResult<null>> {
  return call(`/api/classes/${encodeURIComponent(sessionId)}`, { method: 'DELETE' }, async () => null);
}
