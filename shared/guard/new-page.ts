/**
 * Checks of a new incident page. The guard takes the check as a function so that the structural
 * check below works on its own, and the full check (parse the page, render it again in the newest
 * format, compare the generated parts) is layered on top of it where the page model is available
 * (see incident-page-check.ts).
 */
import { splitAtEditLine } from '../edit-line';
import { pageOfPath } from '../ids';
import { firstDifferenceLine } from './first-difference';
import type { NewPageCheck, NewPageContext, Violation } from './types';

/**
 * What can be checked without the page parser: the path names an incident page, the text is
 * UTF-8, carries the edit line, starts with the title the generator writes
 * for that id, and the id is not already in use.
 */
export const checkNewPageStructure: NewPageCheck = (path, text, context) => {
  const page = pageOfPath(path);
  if (!page || page.kind !== 'incident') {
    return [{ file: path, line: 0, rule: 'file-added', message: `${path} is not an incident page: only new incident pages (generated_pages/incidents/I#####.md) may be added.` }];
  }
  const violations: Violation[] = [];
  if (context.usedIds.has(page.id)) {
    violations.push({ file: path, line: 1, rule: 'id-taken', message: `The id ${page.id} is already used in this checkout; a new incident needs a free id.` });
  }
  violations.push(...structureViolations(path, page.id, text, context));
  return violations;
};

function structureViolations(path: string, id: string, text: string, context: NewPageContext): Violation[] {
  if (context.encoding !== 'utf8') {
    return [{ file: path, line: 0, rule: 'new-page-invalid', message: `${path} is not valid UTF-8 text; pages are UTF-8.` }];
  }
  const split = splitAtEditLine(text, context.marker);
  if (!split.hasLine) {
    return [{ file: path, line: 0, rule: 'new-page-invalid', message: `${path} has no edit line ("${context.marker}"); every page ends its generated part with it.` }];
  }
  const title = `# Incident ${id}: `;
  if (!split.generated.startsWith(title)) {
    return [{ file: path, line: 1, rule: 'new-page-invalid', message: `${path} must start with the title "${title}<name>" (the id in the title must match the file name).` }];
  }
  return [];
}

/** How the full check reads and writes an incident page (shared/pages provides both). */
export interface IncidentPageCodec<P extends { readonly id: string }> {
  readonly parse: (text: string, marker: string) => { readonly ok: true; readonly page: P } | { readonly ok: false; readonly reason: string };
  /** The whole page in the newest generator format: generated part, edit line, notes. */
  readonly render: (page: P, marker: string) => string;
}

/**
 * The full check of a new incident page: the structural check, then the page must parse, name
 * the id of its file, and its generated part must be exactly what the newest format renders for
 * the data it holds (so the maintainers' next regeneration leaves it unchanged).
 */
export function createNewPageCheck<P extends { readonly id: string }>(codec: IncidentPageCodec<P>): NewPageCheck {
  return (path, text, context) => {
    const structural = checkNewPageStructure(path, text, context);
    if (structural.length > 0) return structural;
    const parsed = codec.parse(text, context.marker);
    if (!parsed.ok) {
      return [{ file: path, line: 0, rule: 'new-page-invalid', message: `${path} is not a well-formed incident page: ${parsed.reason}.` }];
    }
    const id = pageOfPath(path)?.id;
    if (parsed.page.id !== id) {
      return [{ file: path, line: 1, rule: 'new-page-invalid', message: `${path} holds incident ${parsed.page.id || '(no id)'}, not ${id}.` }];
    }
    const written = splitAtEditLine(text, context.marker);
    const rendered = splitAtEditLine(codec.render(parsed.page, context.marker), context.marker);
    const expected = rendered.generated + rendered.line;
    const actual = written.generated + written.line;
    if (expected !== actual) {
      const line = firstDifferenceLine(expected, actual);
      return [{ file: path, line, rule: 'new-page-not-canonical', message: `${path}: line ${line} is not what the newest generator format writes for this incident; the maintainers' next regeneration would change it.` }];
    }
    return [];
  };
}
