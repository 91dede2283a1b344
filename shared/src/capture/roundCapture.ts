/**
 * A round as a packet capture: one synthesized TCP conversation per connection, one packet per envelope
 * on the wire, comments on what the eavesdropper did, and the round's key log in a Decryption Secrets
 * Block so Wireshark opens the TLS already decrypted. Built from the debrief view alone.
 * @module
 */
import { ArgumentError, hexToBytes, utf8ToBytes } from '../bytes/bytes.ts';
import type { EnvelopeView, TableView } from '../rules/view.ts';
import {
  type CapturedPacket,
  decryptionSecretsBlock,
  enhancedPacketBlock,
  interfaceDescriptionBlock,
  LINKTYPE_RAW,
  SECRETS_TYPE_TLS_KEY_LOG,
  sectionHeaderBlock,
} from './pcapng.ts';
import { type Endpoint, TcpConversation } from './tcpip.ts';

type Debriefed = TableView & { debrief: NonNullable<TableView['debrief']> };

/** Where each party sits on the capture's network: loopback-style addresses, one per party. */
const HOSTS = {
  browser: [127, 0, 0, 2],
  bank: [127, 0, 0, 3],
  eavesdropper: [127, 0, 0, 4],
} as const;

/**
 * The conversations a round can have: the browser's plain-http visit, the browser's https connection
 * (to the bank, or to whoever answers in its place), and an impersonator's own connection to the bank.
 */
const CONVERSATIONS = {
  http: { client: { address: HOSTS.browser, port: 51514 }, server: { address: HOSTS.bank, port: 80 } },
  browser: { client: { address: HOSTS.browser, port: 51515 }, server: { address: HOSTS.bank, port: 443 } },
  relay: { client: { address: HOSTS.eavesdropper, port: 51516 }, server: { address: HOSTS.bank, port: 443 } },
} as const satisfies Record<string, { client: Endpoint; server: Endpoint }>;

type ConversationId = keyof typeof CONVERSATIONS;

/** The world's clock at the start of a round is not in the view; packets start at a fixed instant, 10 ms apart. */
const START_MICROS = Date.UTC(2026, 2, 2, 9, 0, 0) * 1000;
const PACKET_SPACING_MICROS = 10_000;

function requireDebrief(view: TableView): asserts view is Debriefed {
  if (!view?.debrief) throw new ArgumentError('view: a capture is built from a debrief view (the round must be over)');
}

/** Which conversation an envelope travelled on; null for what never crossed the wire as TCP data. */
function conversationOf(envelope: EnvelopeView, conn: string | null): ConversationId | null {
  if (envelope.channel !== 'wire' || envelope.layer === 'tcp') return null;
  if (envelope.layer === 'http') return 'http';
  if (conn === 'mitm-server') return 'relay';
  // The browser's ClientHello (conn 'main') and an impostor's answers (conn 'mitm-client') share one TCP connection.
  return conn === 'main' || conn === 'mitm-client' ? 'browser' : null;
}

/** The packet comment for an envelope the eavesdropper interfered with, or that never arrived. */
export function envelopeComment(envelope: EnvelopeView): string | undefined {
  const head = `Handshake game, envelope #${envelope.id} (${envelope.label})`;
  const as = envelope.from === 'server' ? 'the bank' : 'the browser';
  switch (envelope.interference) {
    case 'tampered':
      return `${head}: the eavesdropper flipped a byte of it on the way, so it fails its authentication check.`;
    case 'replayed':
      return `${head}: the eavesdropper sent an exact copy of an earlier record again.`;
    case 'edited':
      return `${head}: the eavesdropper edited it on the way.`;
    case 'stripped':
      return `${head}: the eavesdropper swallowed it; it never reached the browser.`;
    case 'forged':
      return envelope.sentBy === 'eavesdropper'
        ? `${head}: forged by the eavesdropper, posing as ${as}.`
        : `${head}: taken by the eavesdropper, who answered in the bank’s place; the bank never saw it.`;
    default:
      return envelope.status === 'dropped' ? `${head}: dropped by the eavesdropper; it never arrived.` : undefined;
  }
}

/** The round's packets in the order they crossed the wire (envelope order), each conversation opened first. */
export function capturePackets(view: TableView): CapturedPacket[] {
  requireDebrief(view);
  const connOf = new Map(view.debrief.capture.connections.map((c) => [c.envelopeId, c.conn]));
  const open = new Map<ConversationId, TcpConversation>();
  const packets: Omit<CapturedPacket, 'timestampMicros'>[] = [];
  for (const envelope of view.envelopes) {
    const id = conversationOf(envelope, connOf.get(envelope.id) ?? null);
    if (!id) continue;
    let tcp = open.get(id);
    if (!tcp) {
      const ends = CONVERSATIONS[id];
      tcp = new TcpConversation(ends.client, ends.server, isn(id, 'client'), isn(id, 'server'));
      open.set(id, tcp);
      packets.push(...tcp.open().map((data) => ({ data })));
    }
    const payload = Uint8Array.from(envelope.records.flatMap((r) => [...hexToBytes(r.hex)]));
    const comment = envelopeComment(envelope);
    packets.push({ data: tcp.data(envelope.from === 'server' ? 'toClient' : 'toServer', payload), comment });
  }
  for (const tcp of open.values()) packets.push(...tcp.close().map((data) => ({ data })));
  return packets.map((p, i) => ({ ...p, timestampMicros: START_MICROS + i * PACKET_SPACING_MICROS }));
}

/** Fixed initial sequence numbers, distinct per conversation and side. */
function isn(id: ConversationId, side: 'client' | 'server'): number {
  const base = { http: 0x1000_0000, browser: 0x2000_0000, relay: 0x3000_0000 }[id];
  return side === 'client' ? base : base + 0x0800_0000;
}

/** The round's key log as an SSLKEYLOGFILE text, one secret per line. */
export function keyLogText(view: TableView): string {
  requireDebrief(view);
  return view.debrief.capture.keyLog.map((line) => `${line}\n`).join('');
}

/** The whole round as a .pcapng file: the key log first, so every packet after it opens decrypted. */
export function roundPcapng(view: TableView): Uint8Array {
  requireDebrief(view);
  const keyLog = keyLogText(view);
  const blocks = [
    sectionHeaderBlock('Handshake (the TLS classroom game)'),
    ...(keyLog ? [decryptionSecretsBlock(SECRETS_TYPE_TLS_KEY_LOG, utf8ToBytes(keyLog))] : []),
    interfaceDescriptionBlock(LINKTYPE_RAW, 'the wire of the round'),
    ...capturePackets(view).map((p) => enhancedPacketBlock(p)),
  ];
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** A file name for the round's downloads, e.g. `handshake-02-tampered-record-tls13.pcapng`. */
export function captureFileName(view: TableView, extension: 'pcapng' | 'keylog'): string {
  return `handshake-${String(view.scenario.number).padStart(2, '0')}-${view.scenario.id}-${view.mode}.${extension}`;
}
