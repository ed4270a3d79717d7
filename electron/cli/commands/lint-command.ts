/**
 * `disarm-workbench lint --repo DIR [--json] FILE...`: the validation rules from the command line,
 * over framework pages (what is below their edit line: notes, inline mentions, characters) and draft files (a
 * draft exported as JSON), against the framework checked out in DIR.
 * Exit 0: no error (warnings may be printed); 1: at least one error; 2: bad usage, DIR is not a
 * DISARM checkout, or a FILE cannot be read as a page or a draft.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { EDIT_LINE } from '../../../shared/edit-line';
import { checkPageText } from '../../../shared/guard';
import { lintPage, validateDraft, type Diagnostic, type ValidationContext } from '../../../shared/validation';
import { loadCheckout } from '../../checkout/load-checkout';
import { DraftFileError, locateInFile, readDraftFile } from '../../drafts/draft-file';
import { collectUsedIds } from '../../drafts/used-ids';
import { draftValidationContext, retiredTechniques } from '../../drafts/validation-context';
import { openCheckout } from '../../git/open';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, parseCommandArgs, type Command } from '../command';

const USAGE = `Usage: disarm-workbench lint --repo DIR [--json] [--generated] FILE...

Checks framework pages and draft files against the framework checked out in DIR: technique ids
(unknown, retired, malformed), inline mentions "(T0155.007: Name)", HTML beyond <i>, <b> and <br>,
characters that do not belong in text (control characters such as NUL: errors, they make a page
binary to git; bidirectional controls and zero-width characters: warnings), and for drafts every
field (missing, URLs, dates, duplicate tags, quotes not in the source, ids taken).
A FILE ending in .json is a draft (as \`draft export --format json\` writes it); any other is a page,
of which what is below the edit line is checked, and, as the guard judges them, that the edit line
ends its line (edit-line-extended) and that the page is text (not-text: no control character).
  --repo DIR     the DISARM framework checkout
  --json         a JSON array of {file, line, column, severity, code, message} on standard output
  --generated    also report problems of pages' generated parts (as info; fix them in the master data)

Output: one line per problem, "file:line:column severity code message".
Exit status: 0 no error, 1 errors found, 2 bad usage, DIR is not a DISARM checkout or a FILE cannot be read.`;

/** One printed problem. */
interface Finding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Diagnostic['severity'];
  readonly code: string;
  readonly message: string;
}

export const lintCommand: Command = {
  name: 'lint',
  summary: 'Check framework pages and draft files: ids, inline mentions, HTML, and draft fields.',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { repo: { type: 'string' }, json: { type: 'boolean' }, generated: { type: 'boolean' } }, true);
    if (!values.repo) throw new UsageError('--repo DIR is required');
    if (positionals.length === 0) throw new UsageError('name at least one FILE to check');
    let checkout: string;
    try {
      checkout = (await openCheckout(resolve(io.cwd, values.repo))).path;
    } catch (error) {
      if (error instanceof ApiError) {
        io.stderr(`lint: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
    const { catalog } = await loadCheckout(checkout);
    const pageContext: ValidationContext = { lookup: catalog, retired: await retiredTechniques(checkout, catalog) };
    const used = positionals.some(isDraftFile) ? await collectUsedIds(checkout) : undefined;

    const findings: Finding[] = [];
    const unreadable: string[] = [];
    for (const file of positionals) {
      const path = resolve(io.cwd, file);
      try {
        if (isDraftFile(file)) {
          const draftFile = await readDraftFile(path);
          const context = await draftValidationContext(checkout, catalog, draftFile.draft, [], used ? { used } : {});
          for (const d of validateDraft(draftFile.draft, context)) {
            const at = locateInFile(draftFile, d.range.field, d.range.start);
            findings.push({ file, ...at, severity: d.severity, code: d.code, message: `${d.range.field}: ${d.message}` });
          }
        } else {
          const text = await readFile(path, 'utf8');
          // The guard's rules that a page's text alone answers (its codes): the edit line ends its line, the page is text.
          const guardFindings = checkPageText(file, text, EDIT_LINE);
          for (const { violation, offset } of guardFindings) {
            findings.push({ file, line: violation.line, column: columnAt(text, offset), severity: 'error', code: violation.rule, message: violation.message });
          }
          // A page that is not text is said once, by the guard's not-text (what `check` reports too);
          // validation's control-character finding is the notes editor's, with its quick fix.
          const notText = guardFindings.some((f) => f.violation.rule === 'not-text');
          for (const d of lintPage(text, pageContext, { includeGenerated: values.generated === true })) {
            if (notText && d.code === 'control-character') continue;
            findings.push({ file, line: d.range.line, column: d.range.column, severity: d.severity, code: d.code, message: d.message });
          }
        }
      } catch (error) {
        if (error instanceof DraftFileError) unreadable.push(error.message);
        else if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E')) unreadable.push(`${file} cannot be read: ${error.code}.`);
        else throw error;
      }
    }

    if (values.json) io.stdout(JSON.stringify(findings, null, 2) + '\n');
    else for (const f of findings) io.stdout(`${f.file}:${f.line}:${f.column} ${f.severity} ${f.code} ${f.message.replace(/\s*\n\s*/g, ' ')}\n`);
    for (const message of unreadable) io.stderr(`lint: ${message}\n`);
    if (unreadable.length > 0) return EXIT_USAGE;
    return findings.some((f) => f.severity === 'error') ? EXIT_PROBLEMS : EXIT_OK;
  },
};

/** 1-based column of an offset (after the last line break before it). */
function columnAt(text: string, offset: number): number {
  const start = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  return offset - start + 1;
}

function isDraftFile(file: string): boolean {
  return file.toLowerCase().endsWith('.json');
}
