/**
 * Colyseus 0.18 targets Node 22, where `WebSocket` is a global; Handshake runs on Node 20 too.
 * The room's reconnection path reads `WebSocket.OPEN`, so give Node 20 the `ws` class as that global.
 * @module
 */
import { WebSocket as NodeWebSocket } from 'ws';

if (typeof globalThis.WebSocket === 'undefined') {
  (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
}
