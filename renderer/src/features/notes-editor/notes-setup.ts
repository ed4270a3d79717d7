/**
 * Every extension of the notes editor in one list: a plain-text editor with line numbers,
 * history and the usual keys, plus the three features of the notes editor: the generated part
 * read-only and set apart, technique autocomplete, and the validation rules as diagnostics.
 * The editor host (components/CodeEditor.svelte) adds the workbench's theme, the accessible name
 * and the report of each change.
 */
import { completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { lintKeymap } from '@codemirror/lint';
import type { Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers } from '@codemirror/view';
import { mentionCompletion } from '../../lib/editor/mention-completion';
import type { TechniqueSearch } from '../../lib/editor/technique-lookup';
import { generatedPartReadOnly, isEditable } from './generated-part';
import { notesLinter, type NotesCheck } from './notes-diagnostics';

/** What the notes editor needs from the rest of the app. */
export interface NotesSetupOptions {
  /** The edit-line text (from the settings). */
  readonly marker: string;
  readonly search: TechniqueSearch;
  readonly check: NotesCheck;
}

/** The notes editor's extensions. */
export function notesSetup(options: NotesSetupOptions): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    EditorView.lineWrapping,
    // Tab indents only when Escape was not pressed just before, so keyboard users can leave the editor.
    keymap.of([...completionKeymap, ...lintKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
    generatedPartReadOnly(options.marker),
    // Never offered above the edit line, where nothing can be typed.
    mentionCompletion(options.search, { offerAt: isEditable }),
    notesLinter(options.check),
  ];
}
