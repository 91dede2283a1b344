/** Wires the server: the table room, the matchmaker's limits, and the HTTP routes. @module */
import './nodeCompat.ts';
import './nativeCrypto.ts';
import { defineRoom, matchMaker } from '@colyseus/core';
import config from '@colyseus/tools';
import type { HttpErrorBody } from '@handshake/shared';
import type express from 'express';
import { CLASS_ROOM_NAME, ClassRoom } from './class/ClassRoom.ts';
import { classRoutes } from './class/classRoutes.ts';
import { resumeClasses } from './class/resume.ts';
import { ClassStore } from './class/store.ts';
import { AccessLimits } from './http/accessLimits.ts';
import { clientSite } from './http/clientSite.ts';
import { TABLE_ROOM_NAME, tableRoutes } from './http/tableRoutes.ts';
import { liveRoomCodes } from './rooms/roomCode.ts';
import { TableRoom, type TableRoomOptions } from './rooms/TableRoom.ts';
import { type ServerSettingsOverrides, serverSettings } from './settings.ts';

export { DEFAULT_SERVER_SETTINGS } from './settings.ts';
export type { ServerSettingsOverrides };

/**
 * Clients may only reconnect through the matchmaker: tables are created by `POST /api/tables`
 * and joined by `POST /api/tables/:code/join`, where codes are checked and attempts rate-limited.
 */
export const EXPOSED_MATCHMAKER_METHODS = ['reconnect'];

export function createAppConfig(overrides: ServerSettingsOverrides = {}) {
  const settings = serverSettings(overrides);
  const startedAt = Date.now();
  const tableOptions: Omit<TableRoomOptions, 'hostKey'> = { settings: settings.table, log: settings.log };
  // Class results: opened on first use, closed when the server shuts down.
  let store: ClassStore | undefined;
  const classStore = () => {
    store ??= ClassStore.open(settings.classes.databasePath);
    return store;
  };

  return config({
    options: { greet: false },
    rooms: {
      [TABLE_ROOM_NAME]: defineRoom(TableRoom, tableOptions as TableRoomOptions),
      [CLASS_ROOM_NAME]: defineRoom(ClassRoom),
    },
    initializeGameServer: (gameServer) => {
      matchMaker.controller.exposedMethods = EXPOSED_MATCHMAKER_METHODS;
      gameServer.onShutdown(() => store?.close());
      if (settings.classes.openAtStart) {
        try {
          classStore();
        } catch (error) {
          settings.log(`[class] results database unavailable: ${(error as Error).message}`);
        }
      }
    },
    // Once the matchmaker is ready: classes the last process stopped come back with their codes.
    beforeListen: async () => {
      if (settings.classes.openAtStart && store) await resumeClasses(settings, store);
    },
    initializeExpress: (app) => {
      // A number is a count of proxy hops; anything else Express's list of trusted addresses ('loopback', …).
      if (settings.trustProxy) {
        app.set('trust proxy', /^\d+$/.test(settings.trustProxy) ? Number(settings.trustProxy) : settings.trustProxy);
      }
      const limits = new AccessLimits(settings);
      app.get('/health', (_req, res) => {
        res.json({
          status: 'ok',
          tables: liveRoomCodes.size,
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        });
      });
      app.use('/api', classRoutes(settings, classStore, limits));
      app.use('/api', tableRoutes(settings, limits));
      app.use(clientSite(settings.clientDistDir));
      app.use('/api', (_req: express.Request, res: express.Response) => {
        const body: HttpErrorBody = { error: { code: 'NOT_FOUND', message: 'No such endpoint.' } };
        res.status(404).json(body);
      });
    },
  });
}

export default createAppConfig({ classes: { openAtStart: true } });
