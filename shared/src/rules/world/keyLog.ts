/**
 * The round's key log: NSS SSLKEYLOGFILE lines (TLS 1.3 traffic secrets, TLS 1.2 CLIENT_RANDOM), from the
 * secrets each endpoint kept in its slot, so a capture of the round opens decrypted in Wireshark.
 * @module
 */
import { bytesToHex } from '../../bytes/bytes.ts';
import type { ConnId, Party, TableState } from '../state.ts';

/** What an endpoint learned that a key log needs: its connection's client random and traffic secrets. */
export interface KeptSecrets {
  clientRandom?: Uint8Array;
  clientHandshakeTrafficSecret?: Uint8Array;
  serverHandshakeTrafficSecret?: Uint8Array;
  clientApplicationTrafficSecret?: Uint8Array;
  serverApplicationTrafficSecret?: Uint8Array;
  /** TLS 1.2 (RFC 5246 §8.1). */
  masterSecret?: Uint8Array;
}

const KEPT_FIELDS = [
  'clientRandom',
  'clientHandshakeTrafficSecret',
  'serverHandshakeTrafficSecret',
  'clientApplicationTrafficSecret',
  'serverApplicationTrafficSecret',
  'masterSecret',
] as const satisfies readonly (keyof KeptSecrets)[];

/** ClientHello: msg_type 1, length (3), legacy_version (2), then the 32-byte random (RFC 8446 §4.1.2). */
const CLIENT_HELLO_RANDOM = { type: 1, start: 6, end: 38 } as const;

/**
 * Copies the key-log secrets out of a protocol state (either engine's handshake states and connections
 * carry them under these names) before a later state drops them.
 */
export function keepSecrets(kept: KeptSecrets, value: object | null): void {
  if (!value) return;
  const fields = value as Record<string, unknown>;
  for (const name of KEPT_FIELDS) {
    const bytes = fields[name];
    if (bytes instanceof Uint8Array) kept[name] = bytes.slice();
  }
  // TLS 1.3 states keep the ClientHello message (the client) or a transcript that starts with it (the server).
  const hello = fields.clientHello ?? fields.transcript;
  if (!kept.clientRandom && hello instanceof Uint8Array && hello[0] === CLIENT_HELLO_RANDOM.type)
    kept.clientRandom = hello.slice(CLIENT_HELLO_RANDOM.start, CLIENT_HELLO_RANDOM.end);
}

/** Who plays the client and the server end of each connection. */
export const CONNECTION_ENDS: Record<ConnId, { client: Party; server: Party }> = {
  main: { client: 'client', server: 'server' },
  'mitm-client': { client: 'client', server: 'eavesdropper' },
  'mitm-server': { client: 'eavesdropper', server: 'server' },
};

/**
 * One line per secret known for each connection, keyed by its client random. Each direction's secret
 * comes from the end that sealed with it (where a swapped key share gave the two ends different keys,
 * each end's own records still open); the other end's copy fills a gap.
 */
export function keyLogLines(state: TableState): string[] {
  const lines: string[] = [];
  for (const [conn, ends] of Object.entries(CONNECTION_ENDS) as [ConnId, (typeof CONNECTION_ENDS)[ConnId]][]) {
    const client = state.endpoints[`${ends.client}:${conn}`]?.secrets ?? {};
    const server = state.endpoints[`${ends.server}:${conn}`]?.secrets ?? {};
    const random = client.clientRandom ?? server.clientRandom;
    if (!random) continue;
    const line = (label: string, secret: Uint8Array | undefined) => {
      if (secret) lines.push(`${label} ${bytesToHex(random)} ${bytesToHex(secret)}`);
    };
    // RFC 8446 §7.1 names; NSS key log labels.
    line('CLIENT_HANDSHAKE_TRAFFIC_SECRET', client.clientHandshakeTrafficSecret ?? server.clientHandshakeTrafficSecret);
    line('SERVER_HANDSHAKE_TRAFFIC_SECRET', server.serverHandshakeTrafficSecret ?? client.serverHandshakeTrafficSecret);
    line('CLIENT_TRAFFIC_SECRET_0', client.clientApplicationTrafficSecret ?? server.clientApplicationTrafficSecret);
    line('SERVER_TRAFFIC_SECRET_0', server.serverApplicationTrafficSecret ?? client.serverApplicationTrafficSecret);
    line('CLIENT_RANDOM', client.masterSecret ?? server.masterSecret);
  }
  return [...new Set(lines)];
}
