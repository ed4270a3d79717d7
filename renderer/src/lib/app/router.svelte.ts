/**
 * Which screen is showing, kept in the address's fragment (`#/library/T0155.007`) so that a
 * reload, the back button and a bookmark all return to the same place. The token `serve` puts in
 * the fragment is taken out before the router starts (lib/api/token.ts), and a fragment that is not
 * a route (`#token=...` left by an old tab) simply opens the start screen.
 */

import { parseRoute, formatRoute, START_ROUTE, type Route } from './routes';

/** The place the browser's history keeps. */
export interface RouterHost {
  readonly location: { readonly hash: string };
  addEventListener(type: 'hashchange', listener: () => void): void;
  removeEventListener(type: 'hashchange', listener: () => void): void;
  readonly history: { pushState(data: unknown, unused: string, url: string): void; replaceState(data: unknown, unused: string, url: string): void };
}

/** The current route as reactive state, synchronised with the fragment. */
export class Router {
  route = $state<Route>(START_ROUTE);
  readonly #host: RouterHost;
  readonly #onHashChange = () => {
    this.route = parseRoute(this.#host.location.hash);
  };

  constructor(host: RouterHost) {
    this.#host = host;
    this.route = parseRoute(host.location.hash);
    host.addEventListener('hashchange', this.#onHashChange);
  }

  /** Shows `route`; `replace` keeps the back button from returning to the current place. */
  go(route: Route, options: { replace?: boolean } = {}): void {
    const url = formatRoute(route);
    if (options.replace) this.#host.history.replaceState(null, '', url);
    else if (this.#host.location.hash !== url) this.#host.history.pushState(null, '', url);
    this.route = route;
  }

  /** Stops following the fragment. */
  dispose(): void {
    this.#host.removeEventListener('hashchange', this.#onHashChange);
  }
}
