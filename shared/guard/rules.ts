/**
 * The rule codes of the edit-line guard, in one place. A code is part of the workbench's contract
 * with scripts and CI (`disarm-workbench check --json` prints it), so codes never change meaning;
 * the title and fix are what the review screen and the CLI show an analyst.
 */
import { EDIT_LINE } from '../edit-line';

/** Every rule the guard can report, with what it means and what to do about it. */
export const GUARD_RULES = {
  'generated-changed': {
    title: 'Text above the edit line changed',
    fix: `Keep your words below the line \`${EDIT_LINE}\`; use Repair to restore the generated part from the last commit.`,
  },
  'edit-line-removed': {
    title: 'The edit line was removed or altered',
    fix: 'Put the line back exactly as it was; use Repair to restore the generated part and keep the notes.',
  },
  'read-only-page': {
    title: 'A generated file without an edit line changed',
    fix: 'Index pages, framework tables and generated data files are rebuilt by the maintainers; discard the change to this file.',
  },
  'page-deleted': {
    title: 'A generated file was deleted',
    fix: 'Restore the file; pages are removed by the maintainers, from the master data.',
  },
  'page-renamed': {
    title: 'A generated file was renamed or moved',
    fix: 'Move the file back to its old name; page names follow the ids in the master data.',
  },
  'not-a-regular-file': {
    title: 'A generated file became a symbolic link or a submodule',
    fix: 'Replace it with the regular file from the last commit.',
  },
  'file-added': {
    title: 'A new file in the generated folders that is not a new incident page',
    fix: 'Only new incident pages (generated_pages/incidents/I#####.md) may be added; remove this file.',
  },
  'new-page-invalid': {
    title: 'A new incident page is not well formed',
    fix: 'Create the page with the workbench, which writes it in the generator\'s newest format.',
  },
  'new-page-not-canonical': {
    title: 'A new incident page differs from what the generator writes',
    fix: 'Create the page with the workbench, or make the text above the line exactly what the newest format renders.',
  },
  'id-taken': {
    title: 'A new incident page uses an id that is already taken',
    fix: 'Give the incident the next free id.',
  },
  unmerged: {
    title: 'A file still has merge conflicts',
    fix: 'Resolve the conflict (keep both analysts\' notes) before committing.',
  },
  // Added for issue 11 (after the others: the codes are a contract, their order is kept too).
  'mode-changed': {
    title: 'A generated file\'s mode changed (made executable or not)',
    fix: 'Put the mode of the last commit back (`chmod -x FILE`, or `git update-index --chmod=-x FILE` for a staged change); pages are plain, non-executable files.',
  },
  'edit-line-extended': {
    title: 'Text was added after the edit line, on the line itself',
    fix: 'The edit line must end its line: start your notes on a new line below it. Use Repair to move the text onto a line of its own, every word kept.',
  },
  'not-text': {
    title: 'A page stopped being text (it holds a control character)',
    fix: 'Remove the control character (a NUL or another invisible character below U+0020 other than tab and line breaks, or DEL); git treats such a file as binary and the review would show nothing of it.',
  },
} as const satisfies Record<string, { readonly title: string; readonly fix: string }>;

/** A rule code of the guard. */
export type GuardRule = keyof typeof GUARD_RULES;

/** All rule codes, for documentation and schemas. */
export const GUARD_RULE_CODES = Object.keys(GUARD_RULES) as GuardRule[];
