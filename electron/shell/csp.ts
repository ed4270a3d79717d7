/**
 * The Content-Security-Policy of the workbench page, one string for both hosts: the desktop
 * window's app:// responses and `serve`'s HTTP responses send it as a header, and
 * renderer/index.html carries the same text in its meta tag (a test keeps them equal).
 * No inline script or style allowed, no eval, nothing remote: Vite's output is external module scripts
 * and stylesheets, and Svelte sets dynamic styles through the CSSOM, which CSP allows.
 */

/** The policy, directive by directive. */
const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

/** The policy as a header value. */
export const CONTENT_SECURITY_POLICY = serialise(CSP_DIRECTIVES);

/**
 * The policy as renderer/index.html's meta tag must carry it: the same, less `frame-ancestors`,
 * which browsers ignore in a meta tag and report as a console error.
 */
export const META_CONTENT_SECURITY_POLICY = serialise(Object.fromEntries(Object.entries(CSP_DIRECTIVES).filter(([directive]) => directive !== 'frame-ancestors')));

function serialise(directives: Readonly<Record<string, string>>): string {
  return Object.entries(directives)
    .map(([directive, value]) => `${directive} ${value}`)
    .join('; ');
}

/** Headers every response of the page carries, in the desktop app and in `serve`. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
};
