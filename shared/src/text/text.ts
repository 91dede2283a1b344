/**
 * Text a person reads, as data: a message id and its parameters. The engine and the rooms return `Text`; the
 * client (or a report) renders it with the reader's catalog, so adding a language is adding a catalog.
 * @module
 */
import { EN, type MessageId } from './en/index.ts';

/** A parameter: a value shown as is, or a nested text rendered in the same language. */
export type TextParam = string | number | Text;

export interface Text {
  readonly id: MessageId;
  readonly params?: Readonly<Record<string, TextParam>>;
}

/** Every language's catalog has every id of the English one (the compiler checks it). */
export type Catalog = Readonly<Record<MessageId, string>>;

export function text(id: MessageId, params?: Readonly<Record<string, TextParam>>): Text {
  return params ? { id, params } : { id };
}

export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}

// `{name}` is a parameter; `{n|one|other}` picks the singular when n is 1, else the plural, with `#` standing for n.
const PLACEHOLDER = /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g;

/**
 * Renders a text in a catalog (English by default). An id the catalog lacks falls back to English, and a
 * parameter the message names but the text lacks is shown as `{name}` so a test can find it.
 */
export function render(value: Text | string, catalog: Catalog = EN): string {
  if (typeof value === 'string') return value;
  const template = catalog[value.id] ?? EN[value.id] ?? value.id;
  return template.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
    const param = value.params?.[name];
    if (param === undefined) return whole;
    if (one !== undefined) return (param === 1 ? one : (other ?? '')).replaceAll('#', String(param));
    return typeof param === 'object' ? render(param, catalog) : String(param);
  });
}
