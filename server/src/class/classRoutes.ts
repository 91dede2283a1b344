/**
 * HTTP routes for class sessions: create one, join by code (class or table: one namespace), a host's
 * connection, and the teacher's results — listed, as JSON and CSV, and deleted. Described in README.md.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { matchMaker } from '@colyseus/core';
import {
  type ClassHttpErrorCode,
  type ClassJoinResponse,
  type ClassResults,
  type CreateClassRequest,
  type CreateClassResponse,
  DEFAULT_CLASS_SETTINGS,
  HOST_KEY_HEADER,
  type HostJoinResponse,
  leaderboard,
  normalizeRoomCode,
  resultsCsv,
  studentSummaries,
  TEACHER_PASSWORD_HEADER,
  teamTotals,
  updateClassSettings,
} from '@handshake/shared';
import express, { type Request, type Response } from 'express';
import type { AccessLimits } from '../http/accessLimits.ts';
import { RateLimiter } from '../http/rateLimit.ts';
import { answerTableJoin, jsonErrors, refuse, refusedProtocol, withinBudget } from '../http/tableRoutes.ts';
import { hostKeyMatches, newHostKey } from '../rooms/hostKey.ts';
import { TableRoom } from '../rooms/TableRoom.ts';
import type { ServerSettings } from '../settings.ts';
import { CLASS_ROOM_NAME, ClassRoom, liveClasses } from './ClassRoom.ts';
import { classRoomOptions } from './resume.ts';
import type { ClassStore } from './store.ts';

const MINUTE_MS = 60_000;
/** A host key a browser brings back: what `newHostKey` makes, or any long random-looking token. */
const HOST_KEY_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

const ADMISSION_STATUS: Partial<Record<ClassHttpErrorCode, number>> = {
  CLASS_ENDED: 410,
  BANNED: 403,
  SESSION_LOCKED: 403,
  CLASS_FULL: 409,
};

/** Where class results are stored: opened on first use (so servers that never host a class never touch it). */
export type StoreAccess = () => ClassStore;

export function classRoutes(settings: ServerSettings, store: StoreAccess, limits: AccessLimits): express.Router {
  const creations = new RateLimiter({ limit: settings.classes.createdPerMinute, windowMs: MINUTE_MS });
  const { teacherPassword } = settings.classes;
  const router = express.Router();
  // 4 KB, as for tables: this parser also reads /api/join/:code, a table's route when the code is a table's.
  router.use(express.json({ limit: '4kb' }));

  /** The teacher password, when the server has one: from the body (creation) or the header. Guessing is limited and slow. */
  async function passwordOk(req: Request, res: Response, given: unknown): Promise<boolean> {
    if (teacherPassword === null) return true;
    if (typeof given !== 'string' || given === '') {
      refuse(res, 401, 'PASSWORD_REQUIRED', 'This server asks for the teacher password.');
      return false;
    }
    if (!limits.admitPassword(req, res)) return false;
    if (!hostKeyMatches(teacherPassword, given)) {
      await limits.passwordFailed(req);
      refuse(res, 403, 'WRONG_PASSWORD', 'That is not the teacher password.');
      return false;
    }
    return true;
  }

  function hostKeyFrom(req: Request, res: Response): string | null {
    const key = req.get(HOST_KEY_HEADER);
    if (!key) refuse(res, 401, 'HOST_KEY_REQUIRED', `Send your host key in the ${HOST_KEY_HEADER} header.`);
    return key ?? null;
  }

  /** The live class a route's `:code` names, or null once refused (too many lookups, or no such class). */
  function liveClass(req: Request, res: Response, code: string | null): ClassRoom | null {
    const room = code ? matchMaker.getLocalRoomById(code) : undefined;
    if (room instanceof ClassRoom) return room;
    limits.lookupFailed(req);
    refuse(res, 404, 'NO_SUCH_CLASS', 'No class session has that code.');
    return null;
  }

  /** The live class the request's host key controls, or null once refused. */
  function hostedClass(req: Request, res: Response): ClassRoom | null {
    const code = normalizeRoomCode(req.params.code);
    if (!limits.admitLookup(req, res, code ?? '')) return null;
    const key = hostKeyFrom(req, res);
    if (key === null) return null;
    const room = liveClass(req, res, code);
    if (!room || room.isHostKey(key)) return room;
    limits.lookupFailed(req);
    refuse(res, 403, 'NOT_HOST', 'That host key does not control this session.');
    return null;
  }

  function openStore(res: Response): ClassStore | null {
    try {
      return store();
    } catch (error) {
      settings.log(`[class] results database unavailable: ${(error as Error).message}`);
      refuse(res, 503, 'STORAGE_UNAVAILABLE', 'The results database is not available; tell the server’s admin.');
      return null;
    }
  }

  /** The checks every results endpoint makes: password, host key, the session exists and the key owns it. */
  async function ownedSession(req: Request, res: Response): Promise<{ db: ClassStore; sessionId: string } | null> {
    if (!(await passwordOk(req, res, req.get(TEACHER_PASSWORD_HEADER)))) return null;
    const key = hostKeyFrom(req, res);
    if (key === null) return null;
    const db = openStore(res);
    if (!db) return null;
    const sessionId = String(req.params.sessionId);
    const owns = db.ownsSession(sessionId, key);
    if (owns === null) {
      refuse(res, 404, 'NO_SUCH_SESSION', 'There is no class session with that id (it may have been deleted).');
      return null;
    }
    if (!owns) {
      refuse(res, 403, 'NOT_HOST', 'Only the host key that created this session can see it.');
      return null;
    }
    return { db, sessionId };
  }

  router.post('/classes', async (req, res) => {
    if (!withinBudget(creations, req, res, 'TOO_MANY_CLASSES')) return;
    const body = (req.body ?? {}) as CreateClassRequest;
    if (typeof body !== 'object' || Array.isArray(body)) {
      return refuse(res, 400, 'MALFORMED_REQUEST', 'Send a JSON object, e.g. { "settings": { "rounds": 4 } }.');
    }
    if (!(await passwordOk(req, res, body.teacherPassword))) return;
    if (body.hostKey !== undefined && (typeof body.hostKey !== 'string' || !HOST_KEY_PATTERN.test(body.hostKey))) {
      return refuse(res, 400, 'MALFORMED_REQUEST', 'A host key is the long code an earlier session gave you.');
    }
    const settingsResult = updateClassSettings(DEFAULT_CLASS_SETTINGS, body.settings ?? {}, {
      minStepSeconds: settings.classes.minStepSeconds,
    });
    if (!settingsResult.ok) return refuse(res, 400, settingsResult.error.code, settingsResult.error.message);
    const db = openStore(res);
    if (!db) return;
    const hostKey = body.hostKey ?? newHostKey();
    const sessionId = randomUUID();
    const options = classRoomOptions(settings, db, { sessionId, hostKey, settings: settingsResult.value });
    const listing = await matchMaker.createRoom(CLASS_ROOM_NAME, options);
    const answer: CreateClassResponse = { code: listing.roomId, sessionId, hostKey, settings: settingsResult.value };
    res.status(201).json(answer);
  });

  async function answerClassJoin(room: ClassRoom, body: unknown, res: Response): Promise<void> {
    if (refusedProtocol(body, res)) return;
    const admission = room.admitStudent(body);
    if (!admission.ok) {
      const status =
        ADMISSION_STATUS[admission.code as ClassHttpErrorCode] ?? (admission.code === 'NICKNAME_TAKEN' ? 409 : 400);
      return refuse(res, status, admission.code as ClassHttpErrorCode, admission.message);
    }
    const { student } = admission;
    const reservation = await room.reservationFor(student);
    if (reservation === null) {
      return refuse(res, 409, 'CLASS_FULL', 'The class cannot take you right this moment; try again in a few seconds.');
    }
    const answer: ClassJoinResponse = {
      kind: 'class',
      code: room.roomId,
      studentId: student.id,
      studentKey: student.key,
      nickname: student.nickname,
      reservation,
    };
    res.json(answer);
  }

  router.post('/join/:code', async (req, res) => {
    const code = normalizeRoomCode(req.params.code);
    if (!limits.admitLookup(req, res, code ?? '')) return;
    const room = code ? matchMaker.getLocalRoomById(code) : undefined;
    if (code && room instanceof ClassRoom) return answerClassJoin(room, req.body, res);
    if (code && room instanceof TableRoom) {
      return answerTableJoin(code, req.body, res, { kind: 'table', code }, () => limits.lookupFailed(req));
    }
    limits.lookupFailed(req);
    refuse(
      res,
      404,
      'NO_SUCH_CODE',
      code
        ? `No class or table has the code ${code}. Check the code with your teacher or host.`
        : 'That is not a code: a code is six letters and digits, like K7QX2M.',
    );
  });

  router.post('/classes/:code/join', async (req, res) => {
    const code = normalizeRoomCode(req.params.code);
    if (!limits.admitLookup(req, res, code ?? '')) return;
    const room = liveClass(req, res, code);
    if (room) return answerClassJoin(room, req.body, res);
  });

  router.post('/classes/:code/host', async (req, res) => {
    const room = hostedClass(req, res);
    if (!room) return;
    if (refusedProtocol(req.body, res)) return;
    const listing = await matchMaker.getRoomById(room.roomId);
    let reservation: unknown;
    try {
      reservation = await matchMaker.reserveSeatFor(listing, { host: true });
    } catch {
      return refuse(res, 409, 'CLASS_FULL', 'The class cannot take another screen right now; try again shortly.');
    }
    const answer: HostJoinResponse = { kind: 'class', code: room.roomId, sessionId: room.sessionId, reservation };
    res.json(answer);
  });

  /** The host asks for the projector link's key (its own, so the teacher's key never sits on a shared screen). */
  router.post('/classes/:code/projector-key', (req, res) => {
    const room = hostedClass(req, res);
    if (room) res.json({ projectorKey: room.projectorKey });
  });

  /** A projector link opened on any screen: a watching connection, with no host powers. */
  router.post('/classes/:code/projector', async (req, res) => {
    const code = normalizeRoomCode(req.params.code);
    if (!limits.admitLookup(req, res, code ?? '')) return;
    const room = liveClass(req, res, code);
    if (!room) return;
    if (!room.isProjectorKey((req.body as { projectorKey?: unknown } | undefined)?.projectorKey)) {
      limits.lookupFailed(req);
      return refuse(
        res,
        403,
        'NOT_HOST',
        'This projector link is not for this session; open it again from the host page.',
      );
    }
    const listing = await matchMaker.getRoomById(room.roomId);
    let reservation: unknown;
    try {
      reservation = await matchMaker.reserveSeatFor(listing, { projector: true });
    } catch {
      return refuse(res, 409, 'CLASS_FULL', 'The class cannot take another screen right now; try again shortly.');
    }
    res.json({ kind: 'class', code: room.roomId, reservation });
  });

  router.get('/classes', async (req, res) => {
    if (!(await passwordOk(req, res, req.get(TEACHER_PASSWORD_HEADER)))) return;
    const key = hostKeyFrom(req, res);
    if (key === null) return;
    const db = openStore(res);
    if (db) res.json({ sessions: db.sessionsOwnedBy(key) });
  });

  router.get('/classes/:sessionId/results', async (req, res) => {
    const owned = await ownedSession(req, res);
    if (!owned) return;
    const { db, sessionId } = owned;
    const rows = db.resultRows(sessionId);
    const board = leaderboard(db.students(sessionId), rows);
    const results: ClassResults = {
      session: db.session(sessionId)!,
      rows,
      leaderboard: board,
      teams: teamTotals(board),
      summary: studentSummaries(rows),
    };
    res.json(results);
  });

  router.get('/classes/:sessionId/results.csv', async (req, res) => {
    const owned = await ownedSession(req, res);
    if (!owned) return;
    const session = owned.db.session(owned.sessionId)!;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="handshake-${session.code}-${session.createdAt.slice(0, 10)}.csv"`,
    );
    res.send(resultsCsv(owned.db.resultRows(owned.sessionId)));
  });

  router.delete('/classes/:sessionId', async (req, res) => {
    const owned = await ownedSession(req, res);
    if (!owned) return;
    liveClasses.get(owned.sessionId)?.endSession();
    owned.db.deleteSession(owned.sessionId);
    settings.log(`[class] session ${owned.sessionId} deleted by its host`);
    res.status(204).end();
  });

  router.use(jsonErrors(settings));
  return router;
}
