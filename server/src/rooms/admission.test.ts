import type { Role } from '@handshake/shared';
import { describe, expect, it } from 'vitest';
import { admit, type TableOccupancy } from './admission.ts';

const table = (held: Role[] = [], spectatorCount = 0): TableOccupancy => ({
  code: 'K7QX2M',
  nicknames: ['Ada'],
  seatHeld: (role) => held.includes(role),
  spectatorCount,
  maxSpectators: 2,
});

const outcome = (options: unknown, occupancy = table()) => {
  const result = admit(options, occupancy);
  return result.ok ? result.value : result.error.code;
};

describe('admission', () => {
  it('gives the first free seat in role order when none is asked for', () => {
    expect(outcome({ nickname: 'Bo' })).toEqual({ nickname: 'Bo', role: 'client' });
    expect(outcome({ nickname: 'Bo' }, table(['client', 'server']))).toEqual({ nickname: 'Bo', role: 'ca' });
  });

  it('gives the asked-for role when its seat is free', () => {
    expect(outcome({ nickname: 'Bo', role: 'eavesdropper' })).toEqual({ nickname: 'Bo', role: 'eavesdropper' });
    expect(outcome({ nickname: 'Bo', role: 'eavesdropper' }, table(['eavesdropper']))).toBe('SEAT_TAKEN');
    expect(outcome({ nickname: 'Bo', role: 'admin' })).toBe('UNKNOWN_ROLE');
  });

  it('says the table is full when every seat is held, but seats spectators up to the limit', () => {
    const full = table(['client', 'server', 'ca', 'eavesdropper']);
    expect(outcome({ nickname: 'Bo' }, full)).toBe('TABLE_FULL');
    expect(outcome({ nickname: 'Bo', spectate: true }, full)).toEqual({ nickname: 'Bo', role: null });
    expect(outcome({ nickname: 'Bo', spectate: true }, table([], 2))).toBe('TABLE_FULL');
  });

  it('checks the nickname first, and the shape of the request', () => {
    expect(outcome({ nickname: 'ada' })).toBe('NICKNAME_TAKEN');
    expect(outcome(null)).toBe('MALFORMED_REQUEST');
    expect(outcome('Bo')).toBe('MALFORMED_REQUEST');
  });
});
