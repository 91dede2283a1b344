import { describe, expect, it } from 'vitest';
import { checkProtocolVersion, PROTOCOL_VERSION } from './version.ts';

describe('protocol version', () => {
  it('accepts a join request that speaks this version', () => {
    expect(checkProtocolVersion({ nickname: 'Ada', protocolVersion: PROTOCOL_VERSION })).toBeNull();
  });

  it('refuses an older, missing or ill-typed version and tells the person to reload', () => {
    for (const request of [
      { protocolVersion: PROTOCOL_VERSION - 1 },
      {},
      { protocolVersion: String(PROTOCOL_VERSION) },
      null,
      'just a string',
    ]) {
      const mismatch = checkProtocolVersion(request);
      expect(mismatch?.code, JSON.stringify(request)).toBe('PROTOCOL_MISMATCH');
      expect(mismatch?.message).toMatch(/reload the page/);
    }
  });

  it('refuses a newer client with a sentence about the server', () => {
    expect(checkProtocolVersion({ protocolVersion: PROTOCOL_VERSION + 1 })?.message).toMatch(
      /newer than the game server/,
    );
  });
});
