/**
 * The server's own routes for tables: create one (returns its code and the host key) and join one by code
 * (returns a seat reservation for the SDK's `consumeSeatReservation`). Both are rate-limited per address.
 * @module
 */
import { matchMaker } from '@colyseus/core';
import {
  checkProtocolVersion,
  type HttpErrorBody,
  type JoinErrorCode,
  normalizeRoomCode,
  type TableJoinOptions,
} from '@handshake/shared';
import express, { type Request, type Response } from 'express';
import { newHostKey } from '../rooms/hostKey.ts';
import { checkNickname } from '../rooms/nickname.ts';
import type { TableRoom, TableRoomOptions } from '../rooms/TableRoom.ts';
import type { ServerSettings } from '../settings.ts';
import type { AccessLimits } from './accessLimits.ts';
import { RateLimiter } from './rateLimit.ts';

export const TABLE_ROOM_NAME = 'table';
const MINUTE_MS = 60_000;

const JOIN_ERROR_STATUS: Record<JoinErrorCode, number> = {
  NO_SUCH_TABLE: 404,
  TABLE_FULL: 409,
  SEAT_TAKEN: 409,
  NICKNAME_TAKEN: 409,
  UNKNOWN_ROLE: 400,
  MALFORMED_REQUEST: 400,
  NICKNAME_MISSING: 400,
  NICKNAME_TOO_LONG: 400,
  NICKNAME_INVALID: 400,
  NICKNAME_REJECTED: 400,
  TOO_MANY_ATTEMPTS: 429,
  CLASS_TABLE: 403,
  PROTOCOL_MISMATCH: 400,
};

export function refuse(res: Response, status: number, code: HttpErrorBody['error']['code'], message: string): void {
  const body: HttpErrorBody = { error: { code, message } };
  res.status(status).json(body);
}

/** Counts the attempt; answers 429 and returns false when the address is over its budget. */
export function withinBudget(
  limiter: RateLimiter,
  req: Request,
  res: Response,
  code: HttpErrorBody['error']['code'],
): boolean {
  const decision = limiter.take(req.ip ?? req.socket.remoteAddress ?? 'unknown');
  if (decision.ok) return true;
  const seconds = Math.ceil(decision.retryAfterMs / 1000);
  res.setHeader('Retry-After', String(seconds));
  refuse(res, 429, code, `Too many attempts from your network; try again in ${seconds} s.`);
  return false;
}

/** Only the fields a join uses travel on to the room (whose `onAuth` checks the protocol version again). */
function joinOptionsFrom(body: unknown): TableJoinOptions | null {
  if (typeof body !== 'object' || body === null) return null;
  const { nickname, role, spectate, hostKey, protocolVersion } = body as Record<string, unknown>;
  return { nickname, role, spectate, hostKey, protocolVersion } as TableJoinOptions;
}

/** Refuses a join request from a client that speaks another protocol version; returns whether it did. */
export function refusedProtocol(body: unknown, res: Response): boolean {
  const mismatch = checkProtocolVersion(body);
  if (mismatch) refuse(res, JOIN_ERROR_STATUS.PROTOCOL_MISMATCH, mismatch.code, mismatch.message);
  return mismatch !== null;
}

export function tableRoutes(settings: ServerSettings, limits: AccessLimits): express.Router {
  const creations = new RateLimiter({ limit: settings.tablesCreatedPerMinute, windowMs: MINUTE_MS });
  const router = express.Router();
  router.use(express.json({ limit: '4kb' }));

  router.post('/tables', async (req, res) => {
    // The creator's nickname, when sent, is checked first: a name the table would refuse creates no empty
    // table and costs nothing from the address's budget.
    const nickname = (req.body as { nickname?: unknown } | undefined)?.nickname;
    if (nickname !== undefined) {
      const checked = checkNickname(nickname);
      if (!checked.ok) return refuse(res, 400, checked.error.code, checked.error.message);
    }
    if (!withinBudget(creations, req, res, 'TOO_MANY_TABLES')) return;
    const hostKey = newHostKey();
    const options: Pick<TableRoomOptions, 'hostKey'> = { hostKey };
    const listing = await matchMaker.createRoom(TABLE_ROOM_NAME, options);
    res.status(201).json({ code: listing.roomId, hostKey });
  });

  router.post('/tables/:code/join', async (req, res) => {
    const code = normalizeRoomCode(req.params.code);
    if (!limits.admitLookup(req, res, code ?? '')) return;
    if (!code) {
      limits.lookupFailed(req);
      return refuse(res, 404, 'NO_SUCH_TABLE', 'A table code is six letters and digits, like K7QX2M.');
    }
    await answerTableJoin(code, req.body, res, {}, () => limits.lookupFailed(req));
  });

  router.use(jsonErrors(settings));

  return router;
}

/** Answers a join request for table `code` with a seat reservation (plus `extra` fields), or a refusal. */
export async function answerTableJoin(
  code: string,
  body: unknown,
  res: Response,
  extra: object = {},
  unknownCode: () => void = () => {},
): Promise<void> {
  const options = joinOptionsFrom(body);
  if (!options) return refuse(res, 400, 'MALFORMED_REQUEST', 'A join request needs a nickname.');
  if (refusedProtocol(body, res)) return;
  const listing = await matchMaker.getRoomById(code);
  // Class sessions share the code namespace; they are joined through /api/join/:code.
  if (listing?.name !== TABLE_ROOM_NAME) {
    unknownCode();
    return refuse(res, 404, 'NO_SUCH_TABLE', `No table has the code ${code}. Check the code with your host.`);
  }
  const refusal = await matchMaker.remoteRoomCall<TableRoom, 'checkJoin'>(code, 'checkJoin', [options]);
  if (refusal) return refuse(res, JOIN_ERROR_STATUS[refusal.code], refusal.code, refusal.message);
  if (listing.locked) return refuse(res, 409, 'TABLE_FULL', `Table ${code} is full.`);
  try {
    const reservation = await matchMaker.joinById(code, options);
    res.json({ ...extra, reservation });
  } catch {
    refuse(res, 409, 'TABLE_FULL', `Table ${code} could not take you right now; try again.`);
  }
}

/** A body that is not JSON, or too large, is the client's mistake; anything else is ours. */
export function jsonErrors(settings: ServerSettings) {
  return (error: { status?: number; type?: string }, _req: Request, res: Response, _next: express.NextFunction) => {
    if (error.status && error.status < 500) {
      return refuse(res, error.status, 'MALFORMED_REQUEST', 'The request body must be a small JSON object.');
    }
    settings.log(`[http] error: ${String((error as Error).stack ?? error)}`);
    refuse(res, 500, 'SERVER_ERROR', 'The server hit a problem; try again.');
  };
}
