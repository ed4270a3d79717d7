/**
 * The validation rules over a page's text as the notes editor and the review apply them: the page
 * lint of shared/validation (unknown, retired, malformed or misnamed technique mentions, HTML beyond
 * the framework's tags), which looks only at the text below the edit line.
 */
import type { TechniqueInfo } from '../../../../shared/api/ops/catalog';
import { lookupFromList } from '../../../../shared/drafts/framework-lookup';
import { lintPage, type Diagnostic, type RetiredTechnique } from '../../../../shared/validation';

/** The lint of a page's text over the checkout's techniques, its retired ones and the edit-line text. */
export function pageLint(techniques: readonly TechniqueInfo[], marker: string, retired: ReadonlyMap<string, RetiredTechnique> = new Map()): (text: string) => Diagnostic[] {
  const context = { lookup: lookupFromList(techniques), retired };
  return (text) => lintPage(text, context, { marker });
}
