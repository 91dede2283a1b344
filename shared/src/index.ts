/** @handshake/shared: the protocol engine (TLS 1.3, classic TLS 1.2 RSA, X.509 and the CA). Named re-exports only. @module */

// Bytes and deterministic randomness
export {
  ArgumentError,
  bytesToHex,
  concatBytes,
  equalBytes,
  fromBase64,
  hexToBytes,
  toBase64,
  utf8ToBytes,
} from './bytes/bytes.ts';
// Taking a round out of the game: a Wireshark capture (.pcapng) and a key log, from the debrief view
export { captureFileName, keyLogText, roundPcapng } from './capture/index.ts';
// Competitions: tables, role rotation, results, leaderboard, teachers' reports
export * from './competition/index.ts';
// The platform hook for primitives: noble by default, node:crypto on the server
export {
  type AeadAlgorithm,
  type CryptoBackend,
  NOBLE_BACKEND,
  platformCryptoName,
  usePlatformCrypto,
} from './crypto/primitives.ts';
// The wire protocol between browsers and the game server
export * from './protocol/index.ts';
export { type Rng, randomSeed, seededRng } from './rng/rng.ts';
// The game rules (roles, phases, moves, views, scoring, scenarios, bots)
export { type Hint, type HintLevel, hintFor, recommendedMove } from './rules/hints.ts';
export {
  ABORT_REASONS,
  applyMove,
  botMove,
  type Choice,
  CIPHER_SUITES,
  compareForTies,
  describeMove,
  type Envelope,
  envelopeLabel,
  findScenario,
  type Item,
  initialState,
  type LegalMove,
  LOCKS,
  type Lock,
  legalMoves,
  lessonFor,
  lockLabel,
  MAX_THINK_MS_PER_MOVE,
  MESSAGE_KINDS,
  type MessageKind,
  MOVES,
  type Move,
  type MoveInput,
  type MoveSpec,
  type MoveTiming,
  type MoveType,
  type Outcome,
  type Personality,
  PHASES,
  type PhaseId,
  POINTS,
  PROTOCOL_MODES,
  type ProtocolMode,
  parseMoveInput,
  playableScenarios,
  REFUSAL_REASONS,
  type Result,
  ROLES,
  type Role,
  type RuleError,
  type RuleErrorCode,
  roleName,
  SCENARIOS,
  type Scenario,
  type Standing,
  standings,
  suitesFor,
  type TableConfig,
  type TableState,
  type TableView,
  TLS12_CIPHER_SUITE,
  TRANSITIONS,
  timeoutMove,
  totals,
  type Viewer,
  viewFor,
  WORLD_NOW,
} from './rules/index.ts';
export { playWithBots, replayRound } from './rules/play.ts';
export { type RsaKeyMaker, rsaKeyPairFromSeed, useRsaKeyMaker } from './rules/world/pki.ts';
// A table's lifecycle: seats, host, rounds and pacing, one reducer for the game server and the practice table
export * from './table/index.ts';
// Text as message ids with parameters, rendered from a catalog
export { EN, type MessageId } from './text/en/index.ts';
export { type Catalog, isText, render, type Text, type TextParam, text } from './text/text.ts';
export { Tls12Error, type Tls12ErrorCode } from './tls12/errors.ts';
export {
  receiveApplicationData as tls12ReceiveApplicationData,
  sendApplicationData as tls12SendApplicationData,
} from './tls12/handshake.ts';
export {
  readServerFinished as tls12ReadServerFinished,
  readServerHello as tls12ReadServerHello,
  sendClientKeyExchange as tls12SendClientKeyExchange,
  startClient as tls12StartClient,
} from './tls12/handshakeClient.ts';
export {
  answerClientFinished as tls12AnswerClientFinished,
  answerClientHello as tls12AnswerClientHello,
} from './tls12/handshakeServer.ts';
export { describeRecord as describeTls12Record } from './tls12/inspect.ts';
export { decryptRecordedSession } from './tls12/leak.ts';
// Classic TLS 1.2 RSA key transport (RFC 5246, RFC 5288)
export { tls12KeyBlock, tls12MasterSecret, tls12VerifyData } from './tls12/prf.ts';
export { flipByte, stripCipherSuites, stripSupportedVersions, substituteKeyShare } from './tls13/attacks.ts';
export {
  clientFinish,
  clientHello,
  clientReadServerFlight,
  clientReadServerHello,
  clientVerifyServer,
} from './tls13/client.ts';
export { newConnection, openApplicationData, sealApplicationData, sealCloseNotify } from './tls13/connection.ts';
export { TlsError, type TlsErrorCode } from './tls13/errors.ts';
export { describeRecord as describeTls13Record } from './tls13/inspect.ts';
// TLS 1.3 (RFC 8446)
export {
  applicationSecrets,
  deriveSecret,
  finishedKey,
  finishedVerifyData,
  handshakeSecrets,
  hkdfExpandLabel,
  hkdfExtract,
  type Tls13KeySchedule,
  type TrafficKeys,
  tls13KeySchedule,
  trafficKeys,
  transcriptHash,
} from './tls13/keySchedule.ts';
export { encodePlaintextRecord, openRecord, parseRecord, sealRecord, splitRecords } from './tls13/record.ts';
export { serverReadClientFinished, serverRespond } from './tls13/server.ts';
export { CAREFUL_POLICY, CARELESS_POLICY, createRootCa, issueCertificate } from './x509/ca.ts';
export {
  buildCertificate,
  type ParsedCertificate,
  parseCertificate,
  verifyCertificateSignature,
} from './x509/certificate.ts';
export { checkDomainChallenge, createDomainChallenge, keyAuthorization } from './x509/challenge.ts';
export { buildCertificateRequest, parseCertificateRequest, verifyRequestSignature } from './x509/csr.ts';
export { CertificateError } from './x509/errors.ts';
export { describeCertificate } from './x509/inspect.ts';
// X.509 and the CA (RFC 5280, RFC 8410, RFC 2986, RFC 8555 §8.3)
export {
  generateEd25519KeyPair,
  generateRsaKeyPair,
  type KeyPair,
  publicKeyOf,
  type SubjectPublicKey,
} from './x509/keys.ts';
export { type PlatformPrimeCheck, usePlatformPrimeCheck } from './x509/primality.ts';
export { type ValidationFailureCode, validateCertificateChain } from './x509/validate.ts';
