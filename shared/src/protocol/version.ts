/** The protocol version: client and server speak the same one, or the server refuses the join. @module */

/**
 * Bump it whenever a message, a payload shape, a close code or the meaning of a synchronised field changes
 * in a way an older client would misread. A browser tab opened before a deploy then gets a clear refusal
 * ("reload the page") instead of a table that silently misbehaves.
 */
export const PROTOCOL_VERSION = 1;

/** What a join request (HTTP body, seat-reservation options) carries: the protocol its client speaks. */
export interface ProtocolVersionStamp {
  protocolVersion: number;
}

export interface ProtocolMismatch {
  code: 'PROTOCOL_MISMATCH';
  message: string;
}

/** The version a join request claims; null when it is the server's own, a mismatch otherwise. */
export function checkProtocolVersion(request: unknown): ProtocolMismatch | null {
  const given: unknown =
    typeof request === 'object' && request !== null
      ? (request as Partial<ProtocolVersionStamp>).protocolVersion
      : undefined;
  if (given === PROTOCOL_VERSION) return null;
  const older = typeof given !== 'number' || given < PROTOCOL_VERSION;
  return {
    code: 'PROTOCOL_MISMATCH',
    message: older
      ? 'This page is older than the game server: reload the page to join.'
      : 'This page is newer than the game server: ask your host to update the server, or reload the page later.',
  };
}
