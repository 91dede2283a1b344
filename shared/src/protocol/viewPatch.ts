/**
 * Views as patches: after a move the server sends each connection only what changed in its own view since the
 * view it last sent that connection — a generic diff of two JSON-safe values (objects by key, arrays by index
 * with appends, anything else replaced) — and the client applies it. The full view still goes out on join,
 * reconnect and on request; a client whose view is not the patch's base asks for one. What a view holds is
 * decided by `viewFor` alone: a patch only carries values taken from the newer view. @module
 */
import type { ClientToServerTableType, ServerToClientTableType } from './table.ts';

/** A key of an object or an index of an array, from the view's root down. */
export type ViewPath = readonly (string | number)[];

/** One change: replace the value at `path`, remove an object's key, append to an array, or cut an array short. */
export type ViewPatchOp =
  | { op: 'set'; path: ViewPath; value: unknown }
  | { op: 'remove'; path: ViewPath }
  | { op: 'append'; path: ViewPath; values: unknown[] }
  | { op: 'truncate'; path: ViewPath; length: number };

/** The `viewPatch` message: turns the view of version `from` this connection holds into the one of `to`. */
export interface ServerToClientViewPatch {
  from: number;
  to: number;
  ops: ViewPatchOp[];
}

/** Message types of the patch protocol (the full view stays `view`, in both directions' vocabulary). */
export const VIEW_PATCH_MESSAGE = 'viewPatch' satisfies ServerToClientTableType;
/** Client → server, no body: "send me my whole view" (after a patch that did not fit the view it holds). */
export const VIEW_REQUEST_MESSAGE = 'requestView' satisfies ClientToServerTableType;

/** Past this many changes inside one array, replacing it whole is compared with patching it. */
const OPS_BEFORE_SIZE_CHECK = 8;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A key's own value: a view may hold keys such as `toString` that plain objects inherit. */
const own = (o: Record<string, Json>, key: string): Json => (Object.hasOwn(o, key) ? o[key] : undefined);
/** Sets an own key, even one named `__proto__` (plain assignment would change the object's prototype instead). */
const setOwn = (o: Record<string | number, Json>, key: string | number, value: Json): void => {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
};

/** The changes that turn `before` into `after` (both JSON-safe: `undefined` counts as absent). */
export function diffView(before: Json, after: Json, path: (string | number)[] = []): ViewPatchOp[] {
  if (Object.is(before, after)) return [];
  if (isObject(before) && isObject(after)) return diffObject(before, after, path);
  if (!Array.isArray(before) || !Array.isArray(after)) return [{ op: 'set', path: [...path], value: after }];
  const ops = diffArray(before, after, path);
  // Many small changes can cost more bytes than the list itself (a list rebuilt from scratch, shifted by one).
  if (ops.length > OPS_BEFORE_SIZE_CHECK && JSON.stringify(ops).length >= JSON.stringify(after).length)
    return [{ op: 'set', path: [...path], value: after }];
  return ops;
}

function diffArray(before: Json[], after: Json[], path: (string | number)[]): ViewPatchOp[] {
  const ops: ViewPatchOp[] = [];
  const common = Math.min(before.length, after.length);
  for (let i = 0; i < common; i++) {
    path.push(i);
    for (const op of diffView(before[i], after[i], path)) ops.push(op);
    path.pop();
  }
  if (after.length > before.length) ops.push({ op: 'append', path: [...path], values: after.slice(common) });
  if (after.length < before.length) ops.push({ op: 'truncate', path: [...path], length: after.length });
  return ops;
}

function diffObject(before: Record<string, Json>, after: Record<string, Json>, path: (string | number)[]) {
  const ops: ViewPatchOp[] = [];
  for (const key of Object.keys(after)) {
    const value = after[key];
    if (value === undefined) continue;
    path.push(key);
    const old = own(before, key);
    if (old === undefined) ops.push({ op: 'set', path: [...path], value });
    else for (const op of diffView(old, value, path)) ops.push(op);
    path.pop();
  }
  for (const key of Object.keys(before)) {
    if (before[key] !== undefined && own(after, key) === undefined) ops.push({ op: 'remove', path: [...path, key] });
  }
  return ops;
}

/** The patch from the view a connection holds to its new one. */
export function viewPatch<V extends { version: number }>(before: V, after: V): ServerToClientViewPatch {
  return { from: before.version, to: after.version, ops: diffView(before, after) };
}

/** Thrown when a patch does not fit the value it is applied to: the caller asks for the whole view. */
export class ViewPatchMismatch extends Error {
  override readonly name = 'ViewPatchMismatch';
}

/** A shallow copy of a container, so a patched view shares every unchanged branch with the one before. */
function copyOf(value: Json, at: ViewPath): Json[] | Record<string, Json> {
  if (Array.isArray(value)) return [...value];
  if (isObject(value)) return { ...value };
  throw new ViewPatchMismatch(`the patch goes into ${JSON.stringify(at)}, which holds no object or array`);
}

function applyOp(root: Json, change: ViewPatchOp): Json {
  const { path } = change;
  if (path.length === 0) {
    if (change.op === 'set') return change.value;
    return applyAtContainer(copyOf(root, path), change, path);
  }
  const top = copyOf(root, path) as Record<string | number, Json>;
  let node = top;
  for (let i = 0; i < path.length - 1; i++) {
    const child = copyOf(node[path[i]!], path.slice(0, i + 1)) as Record<string | number, Json>;
    setOwn(node, path[i]!, child);
    node = child;
  }
  const last = path.at(-1)!;
  if (change.op === 'set') setOwn(node, last, change.value);
  else if (change.op === 'remove') delete node[last];
  else setOwn(node, last, applyAtContainer(copyOf(node[last], path), change, path));
  return top;
}

/** `append` and `truncate` work on the array itself. */
function applyAtContainer(container: Json[] | Record<string, Json>, change: ViewPatchOp, at: ViewPath) {
  if (!Array.isArray(container) || (change.op !== 'append' && change.op !== 'truncate'))
    throw new ViewPatchMismatch(`the patch's ${change.op} at ${JSON.stringify(at)} does not fit what is there`);
  if (change.op === 'append') container.push(...change.values);
  else container.length = change.length;
  return container;
}

/**
 * The view after `patch`; throws ViewPatchMismatch when `view` is not the version the patch starts from (a
 * missed message): the client then asks for its whole view. `view` itself is left unchanged.
 */
export function applyViewPatch<V extends { version: number }>(view: V, patch: ServerToClientViewPatch): V {
  if (view.version !== patch.from)
    throw new ViewPatchMismatch(`the patch starts from version ${patch.from}; this view is version ${view.version}`);
  let next: Json = view;
  for (const op of patch.ops) next = applyOp(next, op);
  return next as V;
}

/**
 * The receiving end of one connection: the view it holds, replaced by a whole view and moved on by patches. A
 * patch that does not fit (a gap) asks the server for the whole view once, and patches wait until it comes.
 */
export class ReceivedView<V extends { version: number }> {
  #view: V | null = null;
  #awaitingWhole = false;

  /** `requestWhole` sends VIEW_REQUEST_MESSAGE on the connection. */
  constructor(private readonly requestWhole: () => void) {}

  get current(): V | null {
    return this.#view;
  }

  /** A whole view (`view` message): it replaces whatever was held. */
  whole(view: V): V {
    this.#view = view;
    this.#awaitingWhole = false;
    return view;
  }

  /** A `viewPatch` message: the new view, or null when it did not fit and the whole view was asked for. */
  patch(patch: ServerToClientViewPatch): V | null {
    if (this.#awaitingWhole) return null;
    try {
      if (!this.#view) throw new ViewPatchMismatch('a patch came before any whole view');
      this.#view = applyViewPatch(this.#view, patch);
      return this.#view;
    } catch (error) {
      if (!(error instanceof ViewPatchMismatch)) throw error;
      this.#awaitingWhole = true;
      this.requestWhole();
      return null;
    }
  }
}
