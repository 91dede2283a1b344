/** Shows a value from a client's message inside a refusal's sentence, whatever it is: never throws. @module */

const MAX_SHOWN = 40;

/** Strings and numbers as typed (shortened); anything else (objects, arrays) as "that". */
export function describeInput(value: unknown): string {
  if (typeof value === 'string') return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  return 'that';
}
