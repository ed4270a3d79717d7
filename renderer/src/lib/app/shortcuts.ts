/**
 * Keyboard shortcuts written once as text (`Mod+K`, `Mod+Shift+R`, `Alt+J`), matched against key
 * events and shown in the platform's own notation. `Mod` is Cmd on macOS and Ctrl elsewhere, as
 * in CodeMirror's keymaps, so one table serves every platform.
 */

/** The parts of a KeyboardEvent a shortcut looks at. */
export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

interface ParsedShortcut {
  readonly key: string;
  readonly mod: boolean;
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/** Reads `Mod+Shift+R` into its parts; the key is compared case-insensitively. */
function parseShortcut(text: string): ParsedShortcut {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const set = new Set(parts.map((p) => p.toLowerCase()));
  return { key: key.toLowerCase(), mod: set.has('mod'), ctrl: set.has('ctrl'), alt: set.has('alt'), shift: set.has('shift') };
}

/** True when `event` is the shortcut `text` on a Mac (`mac`) or another platform. */
export function matchesShortcut(text: string, event: KeyLike, mac: boolean): boolean {
  const s = parseShortcut(text);
  const wantMeta = mac && s.mod;
  const wantCtrl = (!mac && s.mod) || s.ctrl;
  if (event.metaKey !== wantMeta || event.ctrlKey !== wantCtrl || event.altKey !== s.alt || event.shiftKey !== s.shift) return false;
  return event.key.toLowerCase() === s.key;
}

/** The shortcut as the platform writes it (`Ctrl+Shift+R`, `⌘⇧R`). */
export function displayShortcut(text: string, mac: boolean): string {
  const s = parseShortcut(text);
  const key = s.key.length === 1 ? s.key.toUpperCase() : s.key.charAt(0).toUpperCase() + s.key.slice(1);
  if (mac) return `${s.ctrl ? '⌃' : ''}${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${s.mod ? '⌘' : ''}${key}`;
  return [s.mod || s.ctrl ? 'Ctrl' : '', s.alt ? 'Alt' : '', s.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** True on macOS (from the user agent data or the platform string the browser gives). */
export function isMacPlatform(platform: string): boolean {
  return /mac|iphone|ipad/i.test(platform);
}
