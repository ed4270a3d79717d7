/**
 * Schemas for values that many operations share. The path rules live here so that every
 * operation that takes a path refuses the same things before a service sees them; the back end
 * still resolves each path inside the open checkout (electron/paths), since a schema cannot see
 * symbolic links.
 */
import { z } from 'zod';

/**
 * A path inside the checkout, relative, with forward slashes: no `..` segment, no absolute path,
 * no drive letter, no NUL, nothing that starts with `-` (git would read it as an option).
 */
export const RepoPath = z
  .string()
  .min(1, 'a path is required')
  .max(1024, 'the path is too long')
  .refine((p) => !p.includes('\0'), 'the path contains a NUL character')
  .refine((p) => !p.startsWith('/') && !p.startsWith('\\') && !/^[A-Za-z]:/.test(p), 'the path must be relative to the checkout')
  .refine((p) => !p.split(/[\\/]/).includes('..'), 'the path must not leave the checkout (`..`)')
  .refine((p) => !p.split(/[\\/]/).some((segment) => segment.startsWith('-')), 'a path segment must not start with `-`');
export type RepoPath = z.infer<typeof RepoPath>;

/** An absolute folder on this machine chosen by the user (open, clone target). */
export const LocalFolder = z
  .string()
  .min(1, 'a folder is required')
  .max(4096, 'the folder path is too long')
  .refine((p) => !p.includes('\0'), 'the folder path contains a NUL character');

/** A git ref name the user typed (branch, remote): git's own rules, and never an option. */
export const RefName = z
  .string()
  .min(1, 'a name is required')
  .max(255, 'the name is too long')
  .refine((n) => !n.startsWith('-'), 'a name must not start with `-`')
  .refine((n) => !/[\s~^:?*[\\\0-\x1f\x7f]/.test(n), 'a name must not contain spaces or any of ~ ^ : ? * [ \\')
  .refine((n) => !n.includes('..') && !n.includes('@{') && !n.endsWith('.') && !n.endsWith('/') && !n.endsWith('.lock') && !n.startsWith('/') && !n.includes('//'), 'not a valid git ref name');
export type RefName = z.infer<typeof RefName>;

/** A DISARM id as text (its grammar is checked by shared/ids where it matters). */
export const IdText = z.string().regex(/^[A-Z]{1,2}\d+(?:\.\d+)?$/, 'not a DISARM id');
