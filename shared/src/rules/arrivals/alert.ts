/**
 * The fatal alert a TLS stack sends when a check fails (RFC 8446 §6, RFC 5246 §7.2): level 2 and the
 * failure's AlertDescription, sealed under the sender's current write keys, or in the clear before it has any.
 * @module
 */
import { Tls12Error } from '../../tls12/errors.ts';
import { encodeRecord as encodeRecord12, sealRecord as sealRecord12 } from '../../tls12/record.ts';
import { type CipherSuite, ContentType, KEY_LENGTH } from '../../tls13/constants.ts';
import { ALERT_DESCRIPTION, type AlertName, TlsError } from '../../tls13/errors.ts';
import { trafficKeys } from '../../tls13/keySchedule.ts';
import { encodePlaintextRecord, sealRecord as sealRecord13 } from '../../tls13/record.ts';
import { deliver, send } from '../context.ts';
import type { Lock } from '../envelopes.ts';
import type { AbortReason } from '../moves/handshake.ts';
import type { ConnId, Party, TableState } from '../state.ts';
import { CONNECTION_ENDS } from '../world/keyLog.ts';
import { type AppConnection, peekSlot, slot } from '../world/sessions.ts';
import { sendForged } from './relay.ts';

const FATAL = 2;

/** Certificate alerts (RFC 8446 §6.2, RFC 5246 §7.2.2) the protocol engine itself does not raise. */
const CERTIFICATE_ALERT_DESCRIPTION = {
  bad_certificate: 42,
  certificate_expired: 45,
  certificate_unknown: 46,
  unknown_ca: 48,
} as const;

export type FatalAlert = AlertName | keyof typeof CERTIFICATE_ALERT_DESCRIPTION;

const DESCRIPTION: Record<FatalAlert, number> = { ...ALERT_DESCRIPTION, ...CERTIFICATE_ALERT_DESCRIPTION };

/** What a browser that refuses the certificate tells the server, per reason it gives. */
const REFUSAL_ALERT: Partial<Record<AbortReason, FatalAlert>> = {
  UNKNOWN_ISSUER: 'unknown_ca',
  SELF_SIGNED: 'unknown_ca',
  NOT_A_CA: 'unknown_ca',
  BAD_SIGNATURE: 'bad_certificate',
  NAME_MISMATCH: 'bad_certificate',
  EXPIRED: 'certificate_expired',
  NOT_YET_VALID: 'certificate_expired',
  KEY_MISMATCH: 'decrypt_error',
};

/** The alert for a refused certificate; a reason with no alert of its own (a look-alike name) is certificate_unknown. */
export function refusalAlert(reason: string): FatalAlert {
  return REFUSAL_ALERT[reason as AbortReason] ?? 'certificate_unknown';
}

/** The alert a failure maps to; anything that is not a protocol error is a handshake_failure. */
export function alertFor(error: unknown): AlertName {
  if (error instanceof TlsError) return error.alert;
  if (error instanceof Tls12Error) return error.code.toLowerCase() as AlertName;
  return 'handshake_failure';
}

/** Seals the alert as the next record under an established connection's write keys. */
function sealUnderConnection(app: AppConnection, body: Uint8Array): { app: AppConnection; record: Uint8Array } {
  if (app.version === 'tls13') {
    const { key, iv, seq } = app.connection.write;
    const record = sealRecord13(key, iv, seq, ContentType.alert, body, app.connection.cipherSuite);
    return {
      app: { ...app, connection: { ...app.connection, write: { ...app.connection.write, seq: seq + 1 } } },
      record,
    };
  }
  const sealed = sealRecord12(app.connection.write, 'alert', body);
  return { app: { ...app, connection: { ...app.connection, write: sealed.protection } }, record: sealed.record };
}

/**
 * TLS 1.3 mid-handshake (§4.4.4, §7.3): a client that read the ServerHello writes with its handshake
 * traffic keys (its first record under them); a server that sent its Finished writes with its application
 * traffic keys (their first record).
 */
function sealMidHandshake13(
  state: TableState,
  party: Party,
  conn: ConnId,
  body: Uint8Array,
): { record: Uint8Array; lock: Lock } | null {
  const s = peekSlot(state, party, conn);
  const suite = (s?.handshake as { cipherSuite?: CipherSuite } | null)?.cipherSuite;
  if (!s || suite === undefined) return null;
  const asClient = CONNECTION_ENDS[conn].client === party;
  const secret = asClient ? s.secrets.clientHandshakeTrafficSecret : s.secrets.serverApplicationTrafficSecret;
  if (!secret) return null;
  const { key, iv } = trafficKeys(secret, KEY_LENGTH[suite]);
  return {
    record: sealRecord13(key, iv, 0, ContentType.alert, body, suite),
    lock: asClient ? 'handshake-keys' : 'application-keys',
  };
}

/**
 * `party`'s stack on `conn` tells the other end why it closes the connection (`alertFor(error)` names it). The alert passes the
 * eavesdropper (who sees sealed bytes) and reaches the other end as the round ends.
 */
export function sendFatalAlert(state: TableState, party: Party, conn: ConnId, name: FatalAlert): void {
  const body = Uint8Array.of(FATAL, DESCRIPTION[name]);
  const live = peekSlot(state, party, conn)?.live;
  let record: Uint8Array | null = null;
  let lock: Lock | null = null;
  let seq: number | undefined;
  if (live) {
    seq = live.connection.write.seq;
    const sealed = sealUnderConnection(live, body);
    slot(state, party, conn).live = sealed.app;
    record = sealed.record;
    lock = 'application-keys';
  } else if (state.mode === 'tls13') {
    const sealed = sealMidHandshake13(state, party, conn, body);
    record = sealed?.record ?? null;
    lock = sealed?.lock ?? null;
  }
  record ??= state.mode === 'tls13' ? encodePlaintextRecord(ContentType.alert, body) : encodeRecord12('alert', body);
  const ends = CONNECTION_ENDS[conn];
  const envelope =
    party === 'eavesdropper'
      ? sendForged(state, conn === 'main' ? 'mitm-client' : conn, 'alert', [record], [lock], name)
      : send(state, {
          channel: 'wire',
          conn,
          from: party,
          to: party === ends.client ? 'server' : 'client',
          kind: 'alert',
          about: name,
          layer: 'tls',
          records: [record],
          locks: [lock],
        });
  // The round ends with this alert: the eavesdropper lets it pass rather than hold it.
  deliver(state, envelope);
  if (seq !== undefined) state.recordSeqs[`${envelope.id}:0`] = seq;
}
