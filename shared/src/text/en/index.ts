/**
 * The English catalog: every sentence the game shows, by id. One section file per part of the game, so the
 * ids of a part sit together; `MessageId` is the union of them all.
 * @module
 */
import { COMMON } from './common.ts';
import { LOBBY } from './lobby.ts';

export const EN = {
  ...COMMON,
  ...LOBBY,
} as const;

export type MessageId = keyof typeof EN;
