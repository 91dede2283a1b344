/**
 * WebSocket close codes the rooms use on purpose (the 4000–4999 range RFC 6455 §7.4.2 leaves to
 * applications; 4000–4199 belong to Colyseus itself). A client tells a person why they left by these names.
 * @module
 */

export const CLOSE_CODES = {
  /** The host removed this connection from the table, or the teacher from the class; they may join again. */
  REMOVED_BY_HOST: 4201,
  /** The teacher removed this student for good: their key and nickname are refused from now on. */
  BANNED_BY_HOST: 4202,
  /** The class session ended; its results stay. */
  CLASS_ENDED: 4203,
  /** A newer connection of the same student (another tab, a reload) took over this one. */
  REPLACED: 4204,
  /** The client speaks another protocol version (see `PROTOCOL_VERSION`); it is also the join refusal's code. */
  PROTOCOL_MISMATCH: 4205,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Colyseus's own close codes a client meets: a consented leave, and the close after an error. */
export const FRAMEWORK_CLOSE_CODES = {
  CONSENTED: 4000,
  WITH_ERROR: 4002,
} as const;
