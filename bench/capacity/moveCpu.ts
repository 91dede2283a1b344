/**
 * In the server under load: the CPU time spent on each validated move, from the move's message arriving to its
 * views being sent (the room answers a move synchronously). `process.cpuUsage` counts the whole process, so a GC
 * or compiler thread busy meanwhile is included (Node 20 has no per-thread figure). A message counts as a validated move
 * when the table's public version changed while it was handled. The bench asks for the figures over IPC.
 * @module
 */
import { Room } from '@colyseus/core';

/** What the bench sends (`start` opens the window) and what this answers to `report`. */
export type MoveCpuRequest = { moveCpu: 'start' } | { moveCpu: 'report' };
export interface MoveCpuReport {
  moves: number;
  medianMs: number;
  p90Ms: number;
}

/** Colyseus's per-message entry point (bound per client at join, so it is wrapped before any room exists). */
type MessageEntry = (this: Room, client: unknown, buffer: Uint8Array) => unknown;

export function measureMoveCpu(): void {
  const proto = Room.prototype as unknown as { _onMessage: MessageEntry };
  const onMessage = proto._onMessage;
  let samplesUs: number[] = [];
  proto._onMessage = function (this: Room, client, buffer) {
    const version = (this.state as { version?: number } | undefined)?.version;
    const before = process.cpuUsage();
    try {
      return onMessage.call(this, client, buffer);
    } finally {
      const used = process.cpuUsage(before);
      if ((this.state as { version?: number } | undefined)?.version !== version)
        samplesUs.push(used.user + used.system);
    }
  };
  process.on('message', (request: MoveCpuRequest) => {
    if (request?.moveCpu === 'start') samplesUs = [];
    if (request?.moveCpu !== 'report') return;
    const sorted = [...samplesUs].sort((a, b) => a - b);
    const at = (p: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! / 1000 : Number.NaN;
    const report: MoveCpuReport = { moves: sorted.length, medianMs: at(0.5), p90Ms: at(0.9) };
    process.send?.({ moveCpuReport: report });
  });
}
