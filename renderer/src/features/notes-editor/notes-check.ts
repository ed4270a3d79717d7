/**
 * The validation rules the notes editor applies to a page, over the checkout's techniques: the
 * page lint of shared/validation (unknown, malformed or misnamed technique mentions, HTML beyond
 * the framework's tags), which looks only at the text below the edit line.
 */
import type { TechniqueInfo } from '../../../../shared/api/ops/catalog';
import { lookupFromList } from '../../../../shared/drafts/framework-lookup';
import { lintPage } from '../../../../shared/validation';
import type { NotesCheck } from './notes-diagnostics';

/** The check for a page, given the checkout's techniques and the edit-line text. */
export function createNotesCheck(techniques: readonly TechniqueInfo[], marker: string): NotesCheck {
  const context = { lookup: lookupFromList(techniques) };
  return (text) => lintPage(text, context, { marker });
}
