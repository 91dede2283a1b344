/** The fatal alert a party sends when the handshake fails, under whatever keys it writes with at that moment. RFC 8446 §6, §5.1, §2 @module */
import { ArgumentError } from '../bytes/bytes.ts';
import { type Alert, alertForError, encodeAlert, parseAlert, plaintextAlertRecord } from './alert.ts';
import type { ClientState } from './client.ts';
import { ContentType, KEY_LENGTH } from './constants.ts';
import { type AlertName, TlsError } from './errors.ts';
import { trafficKeys } from './keySchedule.ts';
import { sealRecord } from './record.ts';
import type { ServerState } from './server.ts';

function alertOf(reason: TlsError | AlertName | Alert): Alert {
  if (reason instanceof TlsError) return alertForError(reason);
  return typeof reason === 'string' ? parseAlert(encodeAlert(reason)) : reason;
}

/**
 * The client's alert record: in the clear before the ServerHello is read, then sealed under the client handshake
 * keys (sequence 0: nothing else was sealed with them before the client Finished). Once connected, use
 * `sealAlert` on the Connection.
 */
export function clientAlertRecord(state: ClientState, reason: TlsError | AlertName | Alert): Uint8Array {
  const alert = alertOf(reason);
  if (state?.role !== 'client') throw new ArgumentError('state: expected a client state');
  if (state.phase === 'WAIT_SERVER_HELLO') return plaintextAlertRecord(alert);
  if (state.phase === 'CONNECTED') throw new ArgumentError('state: connected — seal the alert on the Connection');
  const keys = trafficKeys(state.clientHandshakeTrafficSecret, KEY_LENGTH[state.cipherSuite]);
  return sealRecord(
    keys.key,
    keys.iv,
    0,
    ContentType.alert,
    encodeAlert(alert.description, alert.level),
    state.cipherSuite,
  );
}

/**
 * The server's alert record: in the clear while it has no keys (a refused ClientHello, a pending
 * HelloRetryRequest), then — its Finished sent — sealed under the server application keys at sequence 0, which
 * is what a client that read that Finished decrypts with (§7.3). Once connected, use `sealAlert`.
 */
export function serverAlertRecord(state: ServerState | undefined, reason: TlsError | AlertName | Alert): Uint8Array {
  const alert = alertOf(reason);
  if (state === undefined || state.phase === 'WAIT_RETRIED_CLIENT_HELLO' || state.phase === 'DOWNGRADED_TLS12')
    return plaintextAlertRecord(alert);
  if (state.phase === 'CONNECTED') throw new ArgumentError('state: connected — seal the alert on the Connection');
  const keys = trafficKeys(state.serverApplicationTrafficSecret, KEY_LENGTH[state.cipherSuite]);
  return sealRecord(
    keys.key,
    keys.iv,
    0,
    ContentType.alert,
    encodeAlert(alert.description, alert.level),
    state.cipherSuite,
  );
}
