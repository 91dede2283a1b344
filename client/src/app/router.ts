/**
 * The hash router: `#/table/K7QX2M` → the route whose pattern matches, mounted into the page.
 * Routes are plain data (see routes.ts); each mounts itself and returns how to unmount.
 * @module
 */

/** What a route gets: its `:params` from the path, and the query after `?` in the hash. */
export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** Go elsewhere in the app, e.g. `navigate('/table/K7QX2M')`. */
  navigate: (path: string) => void;
}

export interface Route {
  /** A path pattern such as `/`, `/table/:code` or `/practice/*` (`*` matches the rest). */
  path: string;
  /** The page's title (for the tab and screen readers). */
  title: string | ((ctx: RouteContext) => string);
  /** Draws the page into `root`; returns an unmount function (close sockets, stop games). */
  mount: (root: HTMLElement, ctx: RouteContext) => () => void;
}

export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part === '*') {
      params['*'] = got.slice(i).map(decodeURIComponent).join('/');
      return params;
    }
    const value = got[i];
    if (value === undefined) return null;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return null;
  }
  return got.length === want.length ? params : null;
}

/** Splits `#/table/ABC?x=1` into its path and query. */
export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(query) };
}

export function navigate(path: string): void {
  window.location.hash = `#${path}`;
}

/** Starts routing: mounts the matching route now and on every hash change. Returns a stop function. */
export function startRouter(root: HTMLElement, routes: readonly Route[], notFound: Route): () => void {
  let unmount: (() => void) | null = null;
  const show = () => {
    unmount?.();
    const { path, query } = parseHash(window.location.hash);
    let chosen = notFound;
    let params: Record<string, string> = { '*': path };
    for (const route of routes) {
      const matched = matchPath(route.path, path);
      if (matched) {
        chosen = route;
        params = matched;
        break;
      }
    }
    const ctx: RouteContext = { params, query, navigate };
    document.title = `${typeof chosen.title === 'function' ? chosen.title(ctx) : chosen.title} · Handshake`;
    root.replaceChildren();
    unmount = chosen.mount(root, ctx);
    // A new page: move focus to its main heading so screen readers and keyboards start at the top.
    root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  };
  window.addEventListener('hashchange', show);
  show();
  return () => {
    window.removeEventListener('hashchange', show);
    unmount?.();
  };
}
