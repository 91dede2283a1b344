/**
 * Class sessions the server stopped (a crash or a shutdown with a class live) resume when it starts again:
 * same code, roster, results and playlist position (see ClassRoom#resume). @module
 */
import { matchMaker } from '@colyseus/core';
import type { ClassSettings } from '@handshake/shared';
import type { ServerSettings } from '../settings.ts';
import { CLASS_ROOM_NAME, type ClassRoomOptions } from './ClassRoom.ts';
import type { ClassStore, ResumableSession } from './store.ts';

/** What a class room is created with, new or resumed. */
export function classRoomOptions(
  settings: ServerSettings,
  store: ClassStore,
  session: { sessionId: string; hostKey: string; settings: ClassSettings; resume?: ResumableSession },
): ClassRoomOptions {
  return {
    ...session,
    store,
    limits: settings.classes,
    reconnectionWindowSeconds: settings.table.reconnectionWindowSeconds,
    seatReservationSeconds: settings.table.seatReservationSeconds,
    log: settings.log,
  };
}

/** Re-creates the class rooms of every session stopped within the idle-end time (older ones would have ended). */
export async function resumeClasses(settings: ServerSettings, store: ClassStore): Promise<void> {
  for (const session of store.resumableSessions(settings.classes.idleEndMs)) {
    try {
      const options = classRoomOptions(settings, store, {
        sessionId: session.id,
        hostKey: '',
        settings: session.settings,
        resume: session,
      });
      await matchMaker.createRoom(CLASS_ROOM_NAME, options);
    } catch (error) {
      settings.log(`[class] could not resume session ${session.id}: ${(error as Error).message}`);
    }
  }
}
