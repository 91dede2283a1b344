/**
 * The process under load, started by capacity.bench.ts as a child so its CPU and memory can be read from /proc:
 * `table` is Handshake's real server (bench timings: bots and idle steps fast, join limits off); `echo` is a
 * bare Colyseus room that only relays each message to the room's four clients. Prints `ready` once listening.
 * Usage: node --import tsx serverProcess.ts table|echo <port>  @module
 */
import { createRequire } from 'node:module';
import { defineRoom } from '@colyseus/core';
import { createAppConfig } from '@handshake/server';
import { BENCH_TABLE_SETTINGS } from './benchSettings.ts';
import { EchoRoom } from './echoRoom.ts';

/** The two functions used from @colyseus/tools (not a dependency of bench/; the server package brings it). */
interface ColyseusTools {
  default: (options: object) => object;
  listen: (options: object, port: number) => Promise<unknown>;
}

async function main(): Promise<void> {
  const [kind, portText] = process.argv.slice(2);
  const port = Number(portText);
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
          table: BENCH_TABLE_SETTINGS,
        });
  await tools.listen({ ...app, displayLogs: false }, port);
  console.log('ready');
}

await main();
