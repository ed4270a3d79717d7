/**
 * Links the page asks to open outside the app (a source article, the DISARM website) go to the
 * system browser, and only after this check (Electron security checklist #15: shell.openExternal
 * with untrusted content can launch local programs through file:, smb: or custom schemes).
 */

/** The longest URL handed to the system browser. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

/** The verdict on one URL. */
export type ExternalLinkCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/** Accepts https URLs with a host and no credentials; refuses everything else with the reason. */
export function checkExternalUrl(url: string): ExternalLinkCheck {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return { ok: false, reason: 'the address is too long' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'not a valid address' };
  }
  if (parsed.protocol !== 'https:') return { ok: false, reason: `only https links open in the browser, not ${parsed.protocol}` };
  if (parsed.hostname === '') return { ok: false, reason: 'the address has no host' };
  if (parsed.username !== '' || parsed.password !== '') return { ok: false, reason: 'the address carries a user name or password' };
  return { ok: true, url: parsed.href };
}
