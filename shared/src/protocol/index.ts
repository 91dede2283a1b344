/** The wire protocol between browsers and the game server: named re-exports only. See README.md. @module */
export {
  CLIENT_TO_SERVER_CLASS_SCHEMAS,
  CLIENT_TO_SERVER_CLASS_TYPES,
  type ClassErrorCode,
  type ClientToServerClassMessages,
  type ClientToServerClassType,
  type ServerToClientClassMessages,
  type ServerToClientClassRejected,
  type ServerToClientClassType,
  type ServerToClientSeat,
  type ServerToClientTableDebrief,
} from './class.ts';
export { CLOSE_CODES, type CloseCode, FRAMEWORK_CLOSE_CODES } from './closeCodes.ts';
export {
  type ClassHttpErrorCode,
  type ClassJoinRequest,
  type ClassJoinResponse,
  type ClassResultRow,
  type ClassResults,
  type ClassSessionListing,
  type CreateClassRequest,
  type CreateClassResponse,
  type CreateTableResponse,
  HOST_KEY_HEADER,
  type HostJoinRequest,
  type HostJoinResponse,
  type HttpErrorBody,
  type JoinByCodeResponse,
  type JoinErrorCode,
  type TableJoinOptions,
  type TableJoinResponse,
  TEACHER_PASSWORD_HEADER,
} from './http.ts';
export {
  checkNicknameForm,
  checkNicknameFree,
  NICKNAME_MAX_LENGTH,
  type NicknameErrorCode,
  type NicknameResult,
  nicknameKey,
} from './nickname.ts';
export { checkPayload, type PayloadOf, type PayloadResult, type PayloadSchema } from './payload.ts';
export { isRoomCode, normalizeRoomCode, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from './roomCode.ts';
export type {
  ClassStudentState,
  ClassTableState,
  ClassTeamState,
  PublicClassSettings,
  PublicClassState,
  PublicTableState,
  SeatState,
  SpectatorState,
  SyncedList,
} from './state.ts';
export {
  CLIENT_TO_SERVER_TABLE_SCHEMAS,
  CLIENT_TO_SERVER_TABLE_TYPES,
  type ClientToServerTableMessages,
  type ClientToServerTableType,
  type ServerToClientRejected,
  type ServerToClientTableMessages,
  type ServerToClientTableType,
  TABLE_ERROR_CODES,
  type TableErrorCode,
} from './table.ts';
export {
  checkProtocolVersion,
  PROTOCOL_VERSION,
  type ProtocolMismatch,
  type ProtocolVersionStamp,
} from './version.ts';
export {
  applyViewPatch,
  diffView,
  ReceivedView,
  type ServerToClientViewPatch,
  VIEW_PATCH_MESSAGE,
  VIEW_REQUEST_MESSAGE,
  ViewPatchMismatch,
  type ViewPatchOp,
  type ViewPath,
  viewPatch,
} from './viewPatch.ts';
