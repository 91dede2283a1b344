/**
 * A recording TCP proxy: a connection made through it reaches the real server unchanged, and every byte
 * the server sends back is kept, with the time it arrived. WebSocket frames are then read out of the bytes
 * (RFC 6455 §5.2; server frames are unmasked), so tests see exactly what a connection carried.
 * @module
 */
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { decode } from '@colyseus/schema';
import { leakForms } from '@handshake/shared/testkit/secrets';
import { unpack } from 'msgpackr';

export interface Chunk {
  at: number;
  bytes: Buffer;
}

export interface RecordingProxy {
  port: number;
  /** The proxy's address, for `joinTable(…, connectTo)`. */
  url: string;
  /** Per connection through the proxy, what the server sent, in order. */
  connections: Chunk[][];
  close: () => Promise<void>;
}

export async function recordingProxy(targetPort: number): Promise<RecordingProxy> {
  const connections: Chunk[][] = [];
  const sockets = new Set<Socket>();
  const server = createServer((downstream) => {
    const received: Chunk[] = [];
    connections.push(received);
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [downstream, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        downstream.destroy();
        upstream.destroy();
      });
    }
    upstream.on('data', (bytes: Buffer) => received.push({ at: performance.now(), bytes: Buffer.from(bytes) }));
    downstream.pipe(upstream);
    upstream.pipe(downstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Frame {
  opcode: number;
  payload: Buffer;
}

/** Reads the WebSocket frames out of what a server sent after its `101 Switching Protocols` answer. */
export function websocketFrames(stream: Buffer): Frame[] {
  const headerEnd = stream.indexOf('\r\n\r\n');
  if (headerEnd < 0 || !stream.subarray(0, 12).toString('latin1').startsWith('HTTP/1.1 101')) return [];
  const frames: Frame[] = [];
  let at = headerEnd + 4;
  while (at + 2 <= stream.length) {
    const opcode = stream[at]! & 0x0f;
    const masked = (stream[at + 1]! & 0x80) !== 0;
    let length = stream[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = stream.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(stream.readBigUInt64BE(offset));
      offset += 8;
    }
    if (masked) throw new Error('a server frame must not be masked (RFC 6455 §5.1)');
    if (offset + length > stream.length) break;
    frames.push({ opcode, payload: stream.subarray(offset, offset + length) });
    at = offset + length;
  }
  return frames;
}

/** The frames of every WebSocket connection made through the proxy, in order (plain HTTP exchanges are skipped). */
export function recordedWebsockets(proxy: RecordingProxy): Frame[][] {
  return proxy.connections
    .map((chunks) => Buffer.concat(chunks.map((c) => c.bytes)))
    .filter((stream) => stream.subarray(0, 12).toString('latin1') === 'HTTP/1.1 101')
    .map(websocketFrames);
}

const ROOM_DATA = 13; // @colyseus/shared-types Protocol.ROOM_DATA

/** A room message (`client.send(type, message)` on the server) read out of a frame, or null for anything else. */
export function roomMessage(frame: Frame): { type: string | number; message: unknown } | null {
  if (frame.opcode !== 2 || frame.payload[0] !== ROOM_DATA) return null;
  const bytes = new Uint8Array(frame.payload);
  const it = { offset: 1 };
  const type = decode.stringCheck(bytes, it) ? decode.string(bytes, it) : decode.number(bytes, it);
  return { type, message: bytes.length > it.offset ? unpack(bytes.subarray(it.offset)) : undefined };
}

/** What a recorded connection must not carry: the test kit's search over a round's states (its rule is there). */
export { secretSearch } from '@handshake/shared/testkit/secrets';

/** The forms a secret could travel in (raw, hex, base64: the test kit's `leakForms`), as bytes. */
export function encodingsOf(secret: Uint8Array): Buffer[] {
  return leakForms(secret).map((form) => Buffer.from(form, 'latin1'));
}

/** Where any form of any of `secrets` appears in `frames`, as `frame i: <secret hex>` lines (empty: none). */
export function secretsIn(frames: Frame[], secrets: Iterable<Uint8Array>): string[] {
  const found: string[] = [];
  for (const secret of secrets) {
    const forms = encodingsOf(secret);
    frames.forEach((frame, i) => {
      if (forms.some((form) => frame.payload.includes(form)))
        found.push(`frame ${i}: ${Buffer.from(secret).toString('hex')}`);
    });
  }
  return found;
}
