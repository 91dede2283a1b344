/** The registry is complete: every move module lists each schema with its move, and every move type has one module. @module */
import { describe, expect, it } from 'vitest';
import * as aftermath from './aftermath.ts';
import * as attacks from './attacks.ts';
import * as certificate from './certificate.ts';
import * as connection from './connection.ts';
import * as data from './data.ts';
import * as handshake from './handshake.ts';
import { MOVES, MoveSchema } from './index.ts';
import * as wire from './wire.ts';

describe('the move registry', () => {
  it('pairs each module’s schemas with its moves, one to one', () => {
    for (const module of [certificate, connection, handshake, data, wire, attacks, aftermath]) {
      expect(module.SPECS.map((spec) => spec.schema)).toEqual([...module.SCHEMAS]);
    }
  });

  it('has one move module per type the schema accepts, each played by someone in some phase', () => {
    const types = MoveSchema.options.map((o) => o.entries.type.literal);
    expect(new Set(types).size).toBe(types.length);
    expect(Object.keys(MOVES).sort()).toEqual([...types].sort());
    for (const type of types) {
      expect(Object.values(MOVES[type].turns).flat().length, type).toBeGreaterThan(0);
      expect(MOVES[type].words.length, type).toBeGreaterThan(5);
      expect(MOVES[type].concept.length, type).toBeGreaterThan(20);
    }
  });
});
