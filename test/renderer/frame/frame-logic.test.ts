// The frame's pure parts: routes in the address's fragment, keyboard shortcuts on every
// platform, the palette's matching, and the mentions every view marks.
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, START_ROUTE } from '../../../renderer/src/lib/app/routes';
import { displayShortcut, matchesShortcut, type KeyLike } from '../../../renderer/src/lib/app/shortcuts';
import { fuzzyScore } from '../../../renderer/src/lib/app/fuzzy';
import { formatMention, splitMentions } from '../../../renderer/src/lib/mentions';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('routes', () => {
  it('round-trips screens and their argument', () => {
    for (const route of [{ screen: 'library' }, { screen: 'library', arg: 'T0155.007' }, { screen: 'editor', arg: '0b0c1f8e-4f2a-4a53-9f3e-0d6f3b1d2c4e' }, { screen: 'library', arg: 'generated_pages/techniques_index.md' }]) {
      expect(parseRoute(formatRoute(route))).toEqual(route);
    }
  });

  it('opens the start screen for anything that is not a route (a token left in the fragment, junk)', () => {
    for (const hash of ['', '#', '#token=abc', '#/', '#/Library', '#/../x', '#/library/%E0%A4%A', '#/a b']) {
      const route = parseRoute(hash);
      expect(route.screen === 'start' || route.arg === undefined, hash).toBe(true);
    }
    expect(parseRoute('#token=abc')).toEqual(START_ROUTE);
    expect(parseRoute('#/library/%E0%A4%A')).toEqual({ screen: 'library' });
  });
});

describe('shortcuts', () => {
  it('reads Mod as Ctrl elsewhere and Cmd on a Mac', () => {
    expect(matchesShortcut('Mod+K', key('k', { ctrlKey: true }), false)).toBe(true);
    expect(matchesShortcut('Mod+K', key('k', { metaKey: true }), false)).toBe(false);
    expect(matchesShortcut('Mod+K', key('k', { metaKey: true }), true)).toBe(true);
    expect(matchesShortcut('Mod+K', key('k', { ctrlKey: true }), true)).toBe(false);
  });

  it('needs exactly the modifiers written', () => {
    expect(matchesShortcut('Mod+Shift+A', key('A', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesShortcut('Mod+Shift+A', key('a', { ctrlKey: true }), false)).toBe(false);
    expect(matchesShortcut('Mod+S', key('s', { ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(matchesShortcut('Alt+1', key('1', { altKey: true }), false)).toBe(true);
  });

  it('is shown in each platform’s notation', () => {
    expect(displayShortcut('Mod+Shift+R', false)).toBe('Ctrl+Shift+R');
    expect(displayShortcut('Mod+Shift+R', true)).toBe('⇧⌘R');
    expect(displayShortcut('Mod+Shift+Enter', false)).toBe('Ctrl+Shift+Enter');
  });
});

describe('palette matching', () => {
  it('matches every word, preferring word starts', () => {
    expect(fuzzyScore('go lib', 'Go to Library Navigate')).toBeDefined();
    expect(fuzzyScore('review', 'Go to Library Navigate')).toBeUndefined();
    expect(fuzzyScore('lib', 'Go to Library') ?? 0).toBeGreaterThan(fuzzyScore('ibr', 'Go to Library') ?? 0);
  });
});

describe('mentions', () => {
  it('splits text into plain runs and technique ids', () => {
    expect(splitMentions('as (T0097.100: Individual Persona), not TA07 or IT00000219 or T0155')).toEqual([
      { kind: 'text', text: 'as (' },
      { kind: 'mention', text: 'T0097.100', id: 'T0097.100' },
      { kind: 'text', text: ': Individual Persona), not TA07 or IT00000219 or ' },
      { kind: 'mention', text: 'T0155', id: 'T0155' },
    ]);
  });

  it('writes the framework’s inline form', () => {
    expect(formatMention({ id: 'T0155.007', name: 'Encrypted Communication Channel' })).toBe('(T0155.007: Encrypted Communication Channel)');
  });
});
