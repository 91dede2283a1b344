/**
 * The process under load, started by capacity.bench.ts as a child so its CPU and memory can be read from /proc:
 * `table` is Handshake's real server (bench timings: bots fast, the step timer well past the players' think
 * time, join limits off); `echo` is a bare Colyseus room that only relays each message to the room's four
 * clients. Listens on a port the OS picks and prints `ready <port>`; a failure to start is thrown (the bench
 * reports the child's stderr). Usage: node --import tsx serverProcess.ts table|echo <thinkMs>  @module
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { defineRoom } from '@colyseus/core';
import { createAppConfig } from '@handshake/server';
import { benchTableSettings } from './benchSettings.ts';
import { EchoRoom } from './echoRoom.ts';
import { measureMoveCpu } from './moveCpu.ts';

/** The two functions used from @colyseus/tools (not a dependency of bench/; the server package brings it). */
interface ColyseusTools {
  default: (options: object) => object;
  listen: (options: object, port: number) => Promise<{ transport: { server?: { address(): unknown } } }>;
}

/** Port 0: the OS picks a free one, so a level never collides with the last one's sockets. */
const ANY_FREE_PORT = 0;

async function main(): Promise<void> {
  const [kind, thinkMsText] = process.argv.slice(2);
  measureMoveCpu();
  // @colyseus/tools is the server package's dependency; resolve it from there.
  const requireFromServer = createRequire(import.meta.resolve('@handshake/server'));
  const tools = (await import(requireFromServer.resolve('@colyseus/tools'))) as ColyseusTools;
  const app =
    kind === 'echo'
      ? tools.default({ options: { greet: false }, rooms: { echo: defineRoom(EchoRoom) } })
      : createAppConfig({
          joinAttemptsPerMinute: 1_000_000,
          tablesCreatedPerMinute: 1_000_000,
          log: () => {},
          table: benchTableSettings(Number(thinkMsText)),
        });
  const server = await tools.listen({ ...app, displayLogs: false }, ANY_FREE_PORT);
  const address = server.transport.server?.address() as AddressInfo | undefined;
  if (!address?.port) throw new Error('the server listens on no TCP port');
  console.log(`ready ${address.port}`);
}

await main();
