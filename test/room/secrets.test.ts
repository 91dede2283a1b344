/**
 * The eavesdropper's connection, recorded byte for byte at the socket, never carries another role's
 * secret bytes — raw, hex or base64 — before the debrief reveals them, in any scenario and mode.
 * A spectator's connection carries no role's secrets at all.
 */
import { ROLES, type Role, SCENARIOS, type TableState } from '@handshake/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTable, joinTable, type Player, playRound, startServer, type TestServer, until } from './helpers.ts';
import { encodingsOf, type Frame, type RecordingProxy, recordingProxy, roomMessage, websocketFrames } from './wire.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Joins through a recording proxy, so the test holds every byte this connection received. */
async function joinRecorded(code: string, options: object): Promise<{ player: Player; proxy: RecordingProxy }> {
  const proxy = await recordingProxy(server.port);
  const player = await joinTable(server.httpUrl, code, options, `http://127.0.0.1:${proxy.port}`);
  return { player, proxy };
}

/** The frames of the recorded WebSocket connection. */
function framesOf(proxy: RecordingProxy): Frame[] {
  const streams = proxy.connections.map((chunks) => Buffer.concat(chunks.map((c) => c.bytes)));
  const websocket = streams.filter((s) => s.subarray(0, 12).toString('latin1') === 'HTTP/1.1 101');
  expect(websocket).toHaveLength(1);
  return websocketFrames(websocket[0]!);
}

/** The debrief reveals every pocket by design; everything before it must not. */
function beforeDebrief(frames: Frame[]): Frame[] {
  return frames.filter((frame) => {
    const message = roomMessage(frame);
    return !(message?.type === 'view' && (message.message as { phase?: string }).phase === 'debrief');
  });
}

/** Each role's secret items over the whole round up to the debrief (keys appear as the round goes). */
function secretsByRole(rounds: TableState[]): Map<Role, Map<string, Uint8Array>> {
  const byRole = new Map<Role, Map<string, Uint8Array>>(ROLES.map((r) => [r, new Map()]));
  for (const round of rounds) {
    if (round.phase === 'debrief') break;
    for (const role of ROLES) {
      for (const item of round.pockets[role]) {
        if (item.secret) byRole.get(role)!.set(`${item.id}:${Buffer.from(item.bytes).toString('hex')}`, item.bytes);
      }
    }
  }
  return byRole;
}

function leaks(frames: Frame[], secrets: Iterable<Uint8Array>): string[] {
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

const cases = SCENARIOS.flatMap((scenario) => scenario.modes.map((mode) => ({ id: scenario.id, mode })));

describe('secrets never reach the wrong connection', () => {
  it.each(cases)(
    '$id ($mode): the eavesdropper’s socket carries none of the other roles’ secrets',
    async ({ id, mode }) => {
      const { code, hostKey } = await createTable(server.httpUrl);
      const eve = await joinRecorded(code, { nickname: 'Eve', hostKey, role: 'eavesdropper' });
      const watcher = await joinRecorded(code, { nickname: 'Projector', spectate: true });
      eve.player.send('configure', { scenarioId: id, mode });
      await until(() => eve.player.room.state.scenarioId === id && eve.player.room.state.mode === mode, 'the scenario');
      eve.player.send('start');
      await until(() => eve.player.room.state.round === 1, 'the round to start');
      await playRound(server, code, [eve.player]);
      await until(() => eve.player.views.some((v) => (v as { phase: string }).phase === 'debrief'), 'the debrief view');
      await until(
        () => watcher.player.views.some((v) => (v as { phase: string }).phase === 'debrief'),
        'the debrief view',
      );

      const rounds = server.rounds.get(code)!;
      const secrets = secretsByRole(rounds);
      const eveFrames = framesOf(eve.proxy);
      const ownSecrets = [...secrets.get('eavesdropper')!.values()];
      const othersSecrets = ROLES.filter((r) => r !== 'eavesdropper').flatMap((r) => [...secrets.get(r)!.values()]);
      // Items the eavesdropper legitimately came to hold itself (a leaked key, say) are its own now.
      const ownHex = new Set(ownSecrets.map((s) => Buffer.from(s).toString('hex')));
      const othersOnly = othersSecrets.filter((s) => !ownHex.has(Buffer.from(s).toString('hex')));

      // The recording works: views went through it, and so did the eavesdropper's own secrets.
      expect(eveFrames.filter((f) => roomMessage(f)?.type === 'view').length).toBeGreaterThan(1);
      if (ownSecrets.length > 0) expect(leaks(eveFrames, ownSecrets).length).toBeGreaterThan(0);
      expect(othersOnly.length).toBeGreaterThan(0);

      expect(leaks(beforeDebrief(eveFrames), othersOnly)).toEqual([]);
      expect(leaks(beforeDebrief(framesOf(watcher.proxy)), [...othersSecrets, ...ownSecrets])).toEqual([]);

      await Promise.all([eve.player.leave(), watcher.player.leave()]);
      await Promise.all([eve.proxy.close(), watcher.proxy.close()]);
    },
  );
});
