/** viewFor: the one place where the table's state is redacted for a role. Views are JSON-safe. @module */
import { bytesToHex, utf8Decode } from '../bytes/bytes.ts';
import { ContentType, contentTypeName } from '../tls13/constants.ts';
import { describeProtectedContent } from '../tls13/inspect.ts';
import { handshakeMessageName } from '../tls13/messages.ts';
import { roleName } from './engine.ts';
import { envelopeLabel, lockLabel } from './envelopes.ts';
import { type LegalMove, legalMoves } from './legal.ts';
import { PHASES } from './phases.ts';
import { lessonFor } from './scenarios.ts';
import { totals } from './scoring.ts';
import type { ConnId, Envelope, Item, LogEvent, Outcome, Party, TableState, ValidationReport } from './state.ts';
import { type ProtocolMode, ROLES, type Role, type Viewer } from './types.ts';
import { describeEnvelope, type FieldView } from './world/describe.ts';
import { keyLogLines } from './world/keyLog.ts';
import { openableContents, openableRecords } from './world/opening.ts';
import type { OpenedContent } from './world/sessions.ts';

export interface ItemView {
  id: string;
  kind: Item['kind'];
  label: string;
  secret: boolean;
  hex: string;
  fields?: FieldView[];
}

export interface RecordView {
  hex: string;
  /** null for bytes in the clear, otherwise which keys lock it. */
  lock: string | null;
  /** What this viewer got out of it by trying its own keys (only when it could open it). */
  opened: OpenedView | null;
}

export interface OpenedView {
  text: string | null;
  hex: string;
  /** What the record carried when it is not application data: a post-handshake message (e.g. NewSessionTicket) or an alert. */
  message: string | null;
  /** The opened bytes labelled field by field (TLS 1.3, RFC 8446 §4.6, §6); offsets from the plaintext's first byte. */
  fields: Omit<FieldView, 'record'>[];
}

export interface EnvelopeView {
  id: number;
  channel: Envelope['channel'];
  /** What the envelope is, typed: screens branch on it, never on `label`. */
  kind: Envelope['kind'];
  from: Party;
  to: Party;
  label: string;
  layer: Envelope['layer'];
  status: Envelope['status'];
  records: RecordView[];
  fields: FieldView[];
  /** Known only to the eavesdropper (who did it) and in the debrief. */
  interference: Envelope['interference'];
  sentBy: Party | null;
}

export interface RequestView {
  id: string;
  requester: Party;
  domain: string;
  status: string;
  challengeToken: string | null;
  published: string | null;
  refusal: string | null;
  requestHex: string;
}

export interface DebriefView {
  seedHex: string;
  lesson: string;
  misconception: string;
  outcome: Outcome;
  /** Every pocket, revealed. */
  pockets: Record<Role, ItemView[]>;
  /** For each role: the envelopes it could open. */
  couldOpen: Record<Role, number[]>;
  /** What a packet capture of the round needs beside the envelopes' bytes (shared/src/capture builds it). */
  capture: CaptureFacts;
}

export interface CaptureFacts {
  /** SSLKEYLOGFILE lines for every connection of the round (TLS 1.3 traffic secrets, TLS 1.2 CLIENT_RANDOM). */
  keyLog: string[];
  /** Which connection each envelope travelled on (null: plain TCP or http, outside TLS). */
  connections: { envelopeId: number; conn: ConnId | null }[];
}

export interface TableView {
  viewer: Viewer;
  version: number;
  phase: TableState['phase'];
  phaseTitle: string;
  stage: string;
  awaiting: Role[];
  scenario: { id: string; number: number; title: string };
  mode: ProtocolMode;
  siteName: string;
  addressBar: string;
  envelopes: EnvelopeView[];
  pocket: ItemView[];
  requests: RequestView[];
  validation: ValidationReport | null;
  log: { at: number; actor: string; text: string }[];
  scores: Record<Role, number>;
  /** Milliseconds each role spent on its moves (public, like the scores): breaks ties. */
  thinkMs: Record<Role, number>;
  scoreEvents: { role: Role; points: number; reason: string }[];
  legalMoves: LegalMove[];
  debrief: DebriefView | null;
}

const hex = bytesToHex;

function itemView(item: Item): ItemView {
  return { id: item.id, kind: item.kind, label: item.label, secret: item.secret, hex: hex(item.bytes) };
}

function seesEnvelope(_state: TableState, viewer: Viewer, e: Envelope): boolean {
  if (viewer === 'spectator') return true;
  if (e.channel === 'ca-desk') return e.from === viewer || e.to === viewer;
  if (viewer === 'eavesdropper') return true;
  if (viewer === 'ca') return false;
  // Each half of a man in the middle is invisible to the party on the other half.
  if ((e.conn === 'mitm-server' && viewer === 'client') || (e.conn === 'mitm-client' && viewer === 'server'))
    return false;
  // A held envelope has not reached its recipient yet; the other half of a man in the middle is invisible.
  if (e.sentBy === viewer) return true;
  return e.to === viewer && e.status === 'delivered';
}

function visibleLog(events: LogEvent[], viewer: Viewer, debrief: boolean) {
  return events
    .filter((e) => debrief || e.visibleTo === 'all' || (viewer !== 'spectator' && e.visibleTo.includes(viewer)))
    .map((e) => ({ at: e.at, actor: e.actor === 'engine' ? 'engine' : roleName(e.actor), text: e.text }));
}

function envelopeView(state: TableState, viewer: Viewer, e: Envelope, debrief: boolean): EnvelopeView {
  const opened = viewer === 'spectator' ? e.records.map(() => null) : openableContents(state, viewer, e);
  return {
    id: e.id,
    channel: e.channel,
    kind: e.kind,
    from: e.from,
    to: e.to,
    label: envelopeLabel(e),
    layer: e.layer,
    status: e.status,
    records: e.records.map((r, i) => {
      const content = opened[i] ?? null;
      return {
        hex: hex(r),
        lock: lockLabel(e.locks[i] ?? null),
        opened: content ? openedView(state, e, content) : null,
      };
    }),
    fields: describeEnvelope(state, e),
    interference: debrief || viewer === 'eavesdropper' ? e.interference : null,
    sentBy: debrief || viewer === 'eavesdropper' ? e.sentBy : null,
  };
}

function openedView(state: TableState, e: Envelope, { contentType, plaintext }: OpenedContent): OpenedView {
  const data = contentType === ContentType.application_data;
  const sealed13 = state.mode === 'tls13' && e.layer === 'tls';
  return {
    hex: hex(plaintext),
    text: data ? printable(plaintext) : null,
    message: data
      ? null
      : contentType === ContentType.handshake && plaintext.length > 0
        ? handshakeMessageName(plaintext[0]!)
        : contentTypeName(contentType),
    fields: sealed13 ? describeProtectedContent(contentType, plaintext).fields : [],
  };
}

function printable(bytes: Uint8Array): string | null {
  try {
    const text = utf8Decode(bytes);
    return /^[\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]*$/.test(text) ? text : null;
  } catch {
    return null;
  }
}

export function viewFor(state: TableState, viewer: Viewer): TableView {
  const debrief = state.phase === 'debrief';
  const role = viewer === 'spectator' ? null : viewer;
  const requests = state.requests.filter(
    (q) => debrief || viewer === 'spectator' || viewer === 'ca' || q.requester === viewer,
  );
  const allTotals = totals(state.scores);
  return {
    viewer,
    version: state.version,
    phase: state.phase,
    phaseTitle: PHASES[state.phase].title,
    stage: PHASES[state.phase].stage,
    awaiting: [...state.awaiting],
    scenario: { id: state.scenario.id, number: state.scenario.number, title: state.scenario.title },
    mode: state.mode,
    siteName: state.scenario.world.siteName,
    addressBar: state.scenario.world.clientTypes,
    envelopes: state.envelopes
      .filter((e) => debrief || seesEnvelope(state, viewer, e))
      .map((e) => envelopeView(state, viewer, e, debrief)),
    pocket: role ? state.pockets[role].map(itemView) : [],
    requests: requests.map((q) => ({
      id: q.id,
      requester: q.requester,
      domain: q.domain,
      status: q.status,
      // The token and what was published are public (anyone can fetch the domain); the request is public too.
      challengeToken: q.challengeToken,
      published: viewer === 'ca' || viewer === q.requester || debrief ? q.published : null,
      refusal: q.refusal,
      requestHex: hex(q.requestDer),
    })),
    validation: viewer === 'client' || debrief ? state.validation : null,
    log: visibleLog(state.log, viewer, debrief),
    scores: allTotals,
    thinkMs: { ...state.thinkMs },
    scoreEvents: state.scores
      .filter((s) => debrief || s.role === viewer)
      .map(({ role: r, points, reason }) => ({ role: r, points, reason })),
    legalMoves: role ? legalMoves(state, role) : [],
    debrief: debrief ? debriefView(state) : null,
  };
}

function debriefView(state: TableState): DebriefView {
  const couldOpen = Object.fromEntries(
    ROLES.map((r) => [
      r,
      state.envelopes
        .filter((e) => openableRecords(state, r, e).some((p) => p !== null && e.locks.some(Boolean)))
        .map((e) => e.id),
    ]),
  ) as Record<Role, number[]>;
  return {
    seedHex: hex(state.seed),
    lesson: lessonFor(state.scenario, state.mode),
    misconception: state.scenario.misconception,
    outcome: structuredClone(state.outcome),
    pockets: Object.fromEntries(ROLES.map((r) => [r, state.pockets[r].map(itemView)])) as Record<Role, ItemView[]>,
    couldOpen,
    capture: {
      keyLog: keyLogLines(state),
      connections: state.envelopes.map((e) => ({ envelopeId: e.id, conn: e.conn })),
    },
  };
}
