/**
 * Settings, recent repositories and the store's own warnings: the operations, and the shapes they
 * carry (the store in electron/store keeps exactly these).
 */
import { z } from 'zod';
import { defineOperation } from '../define';
import { LocalFolder } from '../schemas';
import { EDIT_LINE } from '../../edit-line';

/** The UI's colour scheme; `system` follows the operating system. */
export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** The analyst's settings. */
export const Settings = z
  .object({
    /** Commit author (git's user.name when the checkout has none). */
    authorName: z.string().max(200),
    authorEmail: z.union([z.literal(''), z.email('not an e-mail address').max(320)]),
    theme: Theme,
    /** The edit-line text; a fork of the framework may use its own. One line, never empty. */
    editLine: z
      .string()
      .min(1, 'the edit line cannot be empty')
      .max(500)
      .refine((s) => !/[\r\n]/.test(s), 'the edit line must be a single line')
      .refine((s) => s.trim() === s, 'the edit line must not start or end with spaces'),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

/** Settings of a fresh installation. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({ authorName: '', authorEmail: '', theme: 'system', editLine: EDIT_LINE });

/** Some settings, for an update that changes only those. */
export const SettingsPatch = Settings.partial();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** A checkout opened before, most recent first in lists. */
export const RecentRepository = z
  .object({
    path: LocalFolder,
    openedAt: z.iso.datetime(),
  })
  .strict();
export type RecentRepository = z.infer<typeof RecentRepository>;

/**
 * A recent checkout as the start screen lists it: `missing` when its folder is no longer there
 * (moved, deleted, an unplugged disk), so the list can say so and offer to remove it.
 */
export const RecentCheckout = RecentRepository.extend({ missing: z.boolean() });
export type RecentCheckout = z.infer<typeof RecentCheckout>;

/** How many recent repositories are remembered. */
export const MAX_RECENT_REPOSITORIES = 20;

/**
 * Something the store had to do that the analyst must know about: a corrupted file moved aside
 * (with where it now is), one invalid draft set aside alone (draft-quarantined, with where), a
 * file from a newer version left untouched, a file that cannot be written, a lock taken over.
 */
export const StoreWarning = z.object({
  code: z.enum(['store-corrupt', 'store-newer-version', 'store-lock-compromised', 'draft-not-recovered', 'draft-quarantined', 'store-not-writable']),
  message: z.string(),
  /** The file the warning is about (a moved-aside copy, for store-corrupt; the quarantine file, for draft-quarantined). */
  file: z.string().optional(),
  /** The draft the warning is about (draft-quarantined, draft-not-recovered), when it has an id. */
  draftId: z.string().optional(),
  at: z.iso.datetime(),
});
export type StoreWarning = z.infer<typeof StoreWarning>;

export const settingsOperations = {
  'settings.get': defineOperation({
    summary: "The analyst's settings.",
    input: z.object({}).strict(),
    output: Settings,
  }),
  'settings.update': defineOperation({
    summary: 'Changes some settings; returns all of them.',
    input: SettingsPatch.strict(),
    output: Settings,
  }),
  'recent.list': defineOperation({
    summary: 'Checkouts opened before, most recent first; each says whether its folder is still there.',
    input: z.object({}).strict(),
    output: z.array(RecentCheckout),
  }),
  'recent.remove': defineOperation({
    summary: 'Forgets a checkout in the recent list (the folder itself is untouched); returns the list left.',
    input: z.object({ path: LocalFolder }).strict(),
    output: z.array(RecentCheckout),
  }),
  'store.warnings': defineOperation({
    summary: 'What the store had to repair or refuse since the app started (a corrupted file moved aside...).',
    input: z.object({}).strict(),
    output: z.array(StoreWarning),
  }),
  'store.dismissWarnings': defineOperation({
    summary: 'Clears the store warnings once the analyst has seen them.',
    input: z.object({}).strict(),
    output: z.object({}).strict(),
  }),
};
