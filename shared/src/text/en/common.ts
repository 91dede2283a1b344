/** English: words shared by every part of the game. @module */
export const COMMON = {
  'common.points': '{points} {points|point|points}',
} as const;
