/**
 * Routes as the address's fragment writes them (`#/library/T0155.007`): reading and writing them,
 * apart from the reactive router (router.svelte.ts) so they are tested on their own.
 */

/** A place in the app: a screen and, for some screens, what it shows (an object id, a draft id). */
export interface Route {
  readonly screen: string;
  readonly arg?: string | undefined;
}

/** The route of the start screen, where the app opens the first time. */
export const START_ROUTE: Route = { screen: 'start' };

const SCREEN_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** The route a fragment names; the start screen for anything else. */
export function parseRoute(hash: string): Route {
  const match = /^#\/([^/?#]*)(?:\/([^?#]*))?$/.exec(hash);
  if (!match) return START_ROUTE;
  const screen = match[1] ?? '';
  if (!SCREEN_NAME.test(screen)) return START_ROUTE;
  let arg: string | undefined;
  try {
    arg = match[2] ? decodeURIComponent(match[2]) : undefined;
  } catch {
    arg = undefined;
  }
  return arg ? { screen, arg } : { screen };
}

/** The fragment for a route. */
export function formatRoute(route: Route): string {
  return route.arg ? `#/${route.screen}/${encodeURIComponent(route.arg)}` : `#/${route.screen}`;
}

