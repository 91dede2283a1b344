/**
 * A room's message table, driven by the protocol's schemas (`@handshake/shared`): who may send a message is
 * asked first (`maySend`), then its payload is validated by its type's schema, so a handler receives the
 * typed payload. A refusal at either step, a refusal the handler returns, and any message type the table
 * does not know are answered to the sender alone with `rejected`; the room goes on. Shared by tables and
 * classes.
 *
 * Why not Colyseus 0.18's `validate(schema, handler)`: on a failed validation it closes the sender's
 * connection (`client.leave(CloseCode.WITH_ERROR)` in `@colyseus/core`'s RoomMessages), and a malformed
 * message must be answered, not punished with a disconnect.
 * @module
 */
import { type Client, ClientState, Protocol, type Room } from '@colyseus/core';
import { checkPayload, type PayloadOf, type PayloadSchema } from '@handshake/shared';

export interface MessageRefusal {
  code: string;
  message: string;
}

type Schemas = Record<string, PayloadSchema>;

/** One handler per schema, each receiving its message's validated payload. */
export type MessageHandlers<S extends Schemas, C extends Client, R extends MessageRefusal> = {
  [K in keyof S]: (client: C, payload: PayloadOf<S[K]>) => R | undefined;
};

export interface MessageTable<S extends Schemas, C extends Client, R extends MessageRefusal> {
  schemas: S;
  handlers: MessageHandlers<S, C, R>;
  /** Whether this sender may send this type at all, asked before its payload is read (none = anyone may). */
  maySend?: (client: C, type: keyof S & string) => R | undefined;
  reject: (client: C, request: string, refusal: R) => void;
  /** The refusal for a payload its schema does not accept; `message` says what is wrong. */
  malformed: (type: keyof S & string, message: string) => R;
  unknownType: (type: string) => R;
}

export function routeMessages<S extends Schemas, C extends Client, R extends MessageRefusal>(
  room: Room,
  table: MessageTable<S, C, R>,
): void {
  for (const type of Object.keys(table.schemas) as (keyof S & string)[]) {
    const schema = table.schemas[type]!;
    const handle = table.handlers[type];
    const handleChecked = (client: C, payload: unknown): R | undefined => {
      const checked = checkPayload(schema, type, payload);
      return checked.ok ? handle(client, checked.value) : table.malformed(type, checked.message);
    };
    room.onMessage(type, (client: C, payload: unknown) => {
      const refused = table.maySend?.(client, type) ?? handleChecked(client, payload);
      if (refused) table.reject(client, type, refused);
    });
  }
  room.onMessage('*', (client: C, type: string | number) =>
    table.reject(client, String(type), table.unknownType(String(type))),
  );
  answerUnusableFrames(room, (client) => table.reject(client as C, 'frame', table.unknownType('frame')));
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
