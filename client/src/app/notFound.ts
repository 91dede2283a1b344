/** The page for an address the app does not know: says so and offers the way home. @module */
import { h } from './dom.ts';
import type { Route } from './router.ts';

export const notFoundRoute: Route = {
  path: '*',
  title: 'Page not found',
  mount(root, { params }) {
    root.append(
      h(
        'main',
        { class: 'page narrow' },
        h('h1', { tabindex: -1 }, 'There is no page here'),
        h(
          'p',
          {},
          `Nothing in Handshake lives at “#${params['*'] ?? ''}”. The link may be mistyped or from a newer version.`,
        ),
        h('p', {}, h('a', { href: '#/' }, 'Back to the start page')),
      ),
    );
    return () => {};
  },
};
