/**
 * Operations on single files of the open checkout. `files.read` lets the UI show a file the
 * catalog does not model (a README, a page that fails to parse) and is the reference operation
 * for the path rules: every path-taking operation refuses what it refuses.
 */
import { z } from 'zod';
import { defineOperation } from '../define';
import { RepoPath } from '../schemas';

/** The largest file `files.read` returns; DISARM pages are a few kilobytes, the biggest index pages under 1 MB. */
export const MAX_READ_BYTES = 4 * 1024 * 1024;

export const filesOperations = {
  'files.read': defineOperation({
    summary: 'The text of one file inside the open checkout (UTF-8), refused for paths outside it, inside .git, or larger than 4 MB.',
    input: z.object({ path: RepoPath }).strict(),
    output: z.object({ path: z.string(), text: z.string(), bytes: z.number().int().nonnegative() }),
  }),
};
