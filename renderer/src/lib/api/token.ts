/**
 * How the page served by `disarm-workbench serve` learns its access token. The printed address
 * carries it in the fragment (`#token=...`): browsers never send a fragment to a server nor put
 * it in a Referer. On load the page moves it into sessionStorage (this tab only, gone when the tab
 * closes) and removes it from the address bar, so it does not linger in history or get copied
 * along with the address; a reload finds it in sessionStorage. Every api request then sends it as
 * `Authorization: Bearer <token>` (http-transport.ts).
 */
import { TOKEN_FRAGMENT_KEY } from '../../../../shared/api/wire';

/** The sessionStorage key. */
export const TOKEN_STORAGE_KEY = 'disarm-workbench.token';

/** What a token looks like (the server makes 43 URL-safe base64 characters). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

/** The parts of the page's environment involved (window.location, window.history, sessionStorage). */
export interface TokenPlace {
  readonly location: { readonly hash: string; readonly pathname: string; readonly search: string };
  readonly history: { readonly state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  readonly storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/** Takes the token out of the address (if there) into storage; returns the stored token. */
export function takeToken(place: TokenPlace): string | undefined {
  const params = new URLSearchParams(place.location.hash.replace(/^#/, ''));
  const fromAddress = params.get(TOKEN_FRAGMENT_KEY);
  if (fromAddress !== null) {
    if (TOKEN_PATTERN.test(fromAddress)) place.storage.setItem(TOKEN_STORAGE_KEY, fromAddress);
    params.delete(TOKEN_FRAGMENT_KEY);
    const rest = params.toString();
    place.history.replaceState(place.history.state, '', `${place.location.pathname}${place.location.search}${rest ? `#${rest}` : ''}`);
  }
  const stored = place.storage.getItem(TOKEN_STORAGE_KEY);
  return stored !== null && TOKEN_PATTERN.test(stored) ? stored : undefined;
}
