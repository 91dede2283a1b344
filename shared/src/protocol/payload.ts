/** Checks a message's payload against its valibot schema and says in one sentence what is wrong with it. @module */
import * as v from 'valibot';

export type PayloadResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Where in the payload the first problem is, e.g. `move.cipherSuites.0`; '' for the payload itself. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  return issue.path?.map((step) => String(step.key)).join('.') ?? '';
}

/**
 * Parses an untrusted payload. On failure the sentence names the message, the place and the problem,
 * e.g. `The "lock" message is not well formed (at locked): Invalid type: Expected boolean but received "maybe".`
 */
export function checkPayload<S extends v.GenericSchema>(
  schema: S,
  type: string,
  payload: unknown,
): PayloadResult<v.InferOutput<S>> {
  const result = v.safeParse(schema, payload);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const path = pathOf(issue);
  // An unknown field reads better by name than as valibot's "Expected never".
  const problem = issue.expected === 'never' ? 'there is no such field' : issue.message.replace(/\.$/, '');
  return { ok: false, message: `The "${type}" message is not well formed${path ? ` (at ${path})` : ''}: ${problem}.` };
}

/** The payload of a message that carries none: nothing, null, or an empty object. */
export const NoPayloadSchema = v.optional(v.nullable(v.strictObject({})));

/** An id the server handed out (a session or student id); an unknown or empty one is answered by the room. */
export const IdSchema = v.pipe(v.string(), v.maxLength(64));

/** Text a person typed (a nickname, a team name): bounded before any rule reads it. */
export const TypedTextSchema = v.pipe(v.string(), v.maxLength(200));

/** A message's payload schema, and the payload its handler receives once the schema accepted it. */
export type PayloadSchema = v.GenericSchema;
export type PayloadOf<S extends PayloadSchema> = v.InferOutput<S>;
