/**
 * A room's message table: each handler returns a refusal or nothing; a refusal, and any message type the
 * table does not know, is answered to its sender alone with `rejected`. Shared by tables and classes.
 * @module
 */
import { type Client, ClientState, Protocol, type Room } from '@colyseus/core';

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
  answerUnusableFrames(room, (client) => reject(client as C, 'frame', unknownType('frame')));
}

/** The low bits of a frame's first byte name its kind (Colyseus's PROTOCOL_CODE_MASK). */
const FRAME_KIND_MASK = 31;
/** Frame kinds the room reads (messages, requests, joining, pings, leaving); Colyseus answers or acts on these. */
const READ_FRAMES = new Set<number>([
  Protocol.ROOM_DATA,
  Protocol.ROOM_DATA_BYTES,
  Protocol.ROOM_REQUEST,
  Protocol.JOIN_ROOM,
  Protocol.PING,
  Protocol.LEAVE_ROOM,
]);

/**
 * Colyseus drops, without a word, frames of a kind the room does not read (input frames where no input is
 * set up, unknown kinds, an empty frame): those are answered as an unknown message too. Frames that make
 * Colyseus close the connection (floods, undecodable messages) are not, as the connection is going.
 */
function answerUnusableFrames(room: Room, answer: (client: Client) => void): void {
  const internal = room as unknown as { _onMessage: (client: Client, buffer?: Uint8Array) => void };
  const read = internal._onMessage.bind(room);
  internal._onMessage = (client, buffer) => {
    read(client, buffer);
    const kind = buffer && buffer.length > 0 ? buffer[0]! & FRAME_KIND_MASK : -1;
    const open = client.state !== ClientState.LEAVING && client.state !== ClientState.CLOSED;
    if (open && !READ_FRAMES.has(kind)) answer(client);
  };
}
