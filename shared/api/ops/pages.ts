/**
 * Writing an analyst's notes on any object page: the notes editor sends only the text after the
 * edit line, and the back end puts it under the page's own generated part, so no call can change
 * a byte above the line.
 */
import { z } from 'zod';
import { defineOperation } from '../define';
import { RepoPath } from '../schemas';
import { MAX_READ_BYTES } from './files';

/** A block tidy looked at: its page, its line there, its incident. */
const TidyBlock = z.object({ file: z.string(), line: z.number().int(), incidentId: z.string() });

export const pagesOperations = {
  'pages.saveNotes': defineOperation({
    summary:
      "Replaces the notes (everything after the edit line) of a page in the open checkout, keeping its generated part byte for byte. Refused for a page without the edit line, and with `conflict` when the file no longer holds expectedText (changed on disk since it was opened).",
    input: z
      .object({
        path: RepoPath,
        notes: z.string().max(MAX_READ_BYTES, 'the notes are too long (4 MB at most)'),
        /** The page as the editor read it; the save is refused if the file changed meanwhile. */
        expectedText: z.string().max(MAX_READ_BYTES),
      })
      .strict(),
    output: z.object({ path: z.string(), text: z.string() }),
  }),
  'pages.tidy': defineOperation({
    summary:
      'Removes, from the technique pages of the open checkout, the workbench blocks whose rows the generated part now has, the same (the maintainers took the incident); never a block whose rows differ (listed in `differing`, for the analyst to decide), nor any other note. With dryRun, only says what it would remove. What `disarm-workbench tidy` does.',
    input: z.object({ dryRun: z.boolean().optional() }).strict(),
    output: z.object({ removed: z.array(TidyBlock), differing: z.array(TidyBlock), written: z.array(z.string()) }),
  }),
};
