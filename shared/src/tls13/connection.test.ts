import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../bytes/bytes.ts';
import { newConnection, openApplicationData, sealApplicationData, sealCloseNotify } from './connection.ts';
import { TlsError } from './errors.ts';
import { RFC8448_APPLICATION_DATA, RFC8448 as V } from './rfc8448.vectors.ts';
import { runHandshake } from './testkit.ts';

describe('RFC 8448 §3 application data through a Connection', () => {
  const server = newConnection('server', 0x1301, V.clientApplicationTrafficSecret, V.serverApplicationTrafficSecret);

  it('reads the client data and close_notify in sequence', () => {
    const data = openApplicationData(server, V.recordClientData);
    expect(data.plaintext).toEqual(RFC8448_APPLICATION_DATA);
    expect(data.alert).toBeUndefined();
    const alert = openApplicationData(data.connection, V.recordClientAlert);
    expect(alert.alert).toEqual({ level: 1, description: 0 });
    expect(alert.connection.read.seq).toBe(2);
  });

  it('writes the echo byte for byte (sequence 1: the NewSessionTicket used 0)', () => {
    const afterTicket = { ...server, write: { ...server.write, seq: 1 } };
    expect(bytesToHex(sealApplicationData(afterTicket, RFC8448_APPLICATION_DATA).record)).toBe(
      bytesToHex(V.recordServerData),
    );
  });

  it('the wrong key direction fails', () => {
    const client = newConnection('client', 0x1301, V.clientApplicationTrafficSecret, V.serverApplicationTrafficSecret);
    expect(() => openApplicationData(client, V.recordClientData)).toThrow(TlsError);
  });
});

describe('close_notify', () => {
  it('the peer sees an alert and no data; a failed open leaves the state unchanged', () => {
    const { finished, server } = runHandshake([0x1303]);
    const closed = sealCloseNotify(finished.connection);
    const seen = openApplicationData(server.connection, closed.record);
    expect(seen.alert).toEqual({ level: 1, description: 0 });
    expect(seen.plaintext.length).toBe(0);
    expect(() => openApplicationData(server.connection, closed.record.slice(0, 10))).toThrow(TlsError);
    expect(server.connection.read.seq).toBe(0);
  });
});
