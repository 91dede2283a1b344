/**
 * The English catalog: every sentence the game shows, by id. One section file per part of the game, so the
 * ids of a part sit together; `MessageId` is the union of them all.
 * @module
 */
import { COMMON } from './common.ts';
import { LOBBY } from './lobby.ts';
import { SETTINGS } from './settings.ts';

export const EN = {
  ...COMMON,
  ...LOBBY,
  ...SETTINGS,
} as const;

export type MessageId = keyof typeof EN;
