/**
 * A room's message table: each handler returns a refusal or nothing; a refusal, and any message type the
 * table does not know, is answered to its sender alone with `rejected`. Shared by tables and classes.
 * @module
 */
import type { Client, Room } from '@colyseus/core';

export interface MessageRefusal {
  code: string;
  message: string;
}

export function routeMessages<C extends Client, R extends MessageRefusal>(
  room: Room,
  handlers: Record<string, (client: C, message: unknown) => R | undefined>,
  reject: (client: C, request: string, refusal: R) => void,
  unknownType: (type: string) => R,
): void {
  for (const [type, handle] of Object.entries(handlers)) {
    room.onMessage(type, (client: C, message: unknown) => {
      const refused = handle(client, message);
      if (refused) reject(client, type, refused);
    });
  }
  room.onMessage('*', (client: C, type: string | number) => reject(client, String(type), unknownType(String(type))));
}
