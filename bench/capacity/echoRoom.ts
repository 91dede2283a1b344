/** The capacity bench's baseline: a bare Colyseus room with four seats that relays every move to all of them. @module */
import { Room } from '@colyseus/core';

export class EchoRoom extends Room {
  override maxClients = 4;
  override onCreate(): void {
    this.onMessage('move', (_client, message: { version: number; turn: number }) => {
      this.broadcast('view', { version: message.version + 1, turn: (message.turn + 1) % this.maxClients });
    });
  }
}
