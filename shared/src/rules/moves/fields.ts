/** The fields moves are made of, as runtime schemas (valibot), and the helper every move module builds its schema with. @module */
import * as v from 'valibot';

export const Id = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(64),
  v.regex(/^[a-z0-9-]+$/, 'an id is lowercase letters, digits and dashes'),
);
export const EnvelopeId = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000));
export const Domain = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(253),
  v.regex(/^[a-z0-9.-]+$/, 'a domain name is lowercase letters, digits, dots and dashes'),
);

/** A move's schema: its type and its fields, nothing else. */
export const moveSchema = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.strictObject({ type: v.literal(type), ...entries });
