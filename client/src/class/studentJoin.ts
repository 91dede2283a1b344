/**
 * A student enters a class: from the home page's code box (the server said the code is a class), or again
 * after a reload with the student key this tab kept.
 * @module
 */
import { Client } from '@colyseus/sdk';
import type { ClassJoinRequest, ClassJoinResponse, PublicClassState } from '@handshake/shared';
import { errorFrom, joinRequestBody, serverOrigin, UNREACHABLE } from '../net/endpoint.ts';
import type { JoinResult } from '../net/join.ts';
import { type ClassRoom, holdClassRoom, type StudentPass, saveStudentPass } from './studentPass.ts';

type Failure = { ok: false; error: { code: string; message: string } };

async function connect(answer: ClassJoinResponse): Promise<{ ok: true; room: ClassRoom; pass: StudentPass } | Failure> {
  const pass: StudentPass = { studentId: answer.studentId, studentKey: answer.studentKey, nickname: answer.nickname };
  saveStudentPass(answer.code, pass);
  try {
    const reservation = answer.reservation as Parameters<Client['consumeSeatReservation']>[0];
    const room = await new Client(serverOrigin()).consumeSeatReservation<PublicClassState>(reservation);
    return { ok: true, room, pass };
  } catch {
    return {
      ok: false,
      error: { code: 'CONNECT_FAILED', message: 'You were let into the class but the connection failed; try again.' },
    };
  }
}

/** The home page's code box named a class: connect, keep the student key, and go to the class page. */
export async function enterClass(answer: ClassJoinResponse): Promise<JoinResult> {
  const connected = await connect(answer);
  if (!connected.ok) return connected;
  holdClassRoom(answer.code, connected.room, connected.pass);
  return { ok: true, code: answer.code, path: `/class/${answer.code}` };
}

/** Joins a class by its code: with the kept key (a reload, a lost connection) or as a new student. */
export async function joinClass(
  code: string,
  request: Omit<ClassJoinRequest, 'protocolVersion'>,
): Promise<{ ok: true; room: ClassRoom; pass: StudentPass } | Failure> {
  let response: Response;
  try {
    response = await fetch(`${serverOrigin()}/api/classes/${encodeURIComponent(code)}/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(joinRequestBody(request)),
    });
  } catch {
    return { ok: false, error: UNREACHABLE };
  }
  if (!response.ok) return { ok: false, error: await errorFrom(response) };
  return connect((await response.json()) as ClassJoinResponse);
}
