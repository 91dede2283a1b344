/** Where the game server is: the page's own origin (the server serves the client; Vite dev proxies to it). @module */
import { PROTOCOL_VERSION, type ProtocolVersionStamp } from '@handshake/shared';

export function serverOrigin(): string {
  return window.location.origin;
}

/** Reads a JSON error body `{ error: { code, message } }`, or describes what came back instead. */
export async function errorFrom(response: Response): Promise<{ code: string; message: string }> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) return { code: body.error.code ?? 'ERROR', message: body.error.message };
  } catch {
    // Not JSON: fall through to the status.
  }
  return { code: `HTTP_${response.status}`, message: `The server answered ${response.status}; try again.` };
}

/** A join request's body, stamped with the protocol version this page speaks (the server refuses another). */
export function joinRequestBody<T extends object>(request: T): T & ProtocolVersionStamp {
  return { ...request, protocolVersion: PROTOCOL_VERSION };
}

export const UNREACHABLE = {
  code: 'UNREACHABLE',
  message: 'The game server cannot be reached. Check your connection, then try again.',
} as const;
