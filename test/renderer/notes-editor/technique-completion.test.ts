// Technique autocomplete in the notes editor, headless: the completion source the tagger's
// explanations use too (test/renderer/tagger/mention-completion.test.ts), set up as the notes editor
// sets it up (nothing above the edit line), with the real catalog search of a real clone behind
// it, run against EditorStates with the cursor above and below the line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitAtEditLine } from '../../../shared/edit-line';
import { generatedPartReadOnly, isEditable } from '../../../renderer/src/features/notes-editor/generated-part';
import { mentionCompletionSource } from '../../../renderer/src/lib/editor/mention-completion';
import { techniqueSearch, type TechniqueSearch } from '../../../renderer/src/lib/editor/technique-lookup';
import { startInProcessApi, type InProcessApi } from '../helpers/in-process-api';

let backEnd: InProcessApi;
let search: TechniqueSearch;
let page: string;

beforeAll(async () => {
  backEnd = await startInProcessApi();
  search = techniqueSearch(backEnd.api);
  page = readFileSync(join(backEnd.clone.path, 'generated_pages', 'techniques', 'T0155.007.md'), 'utf8');
});
afterAll(async () => {
  await backEnd?.dispose();
});

async function complete(doc: string, pos: number, explicit = false): Promise<CompletionResult | null> {
  const state = EditorState.create({ doc, extensions: generatedPartReadOnly(), selection: { anchor: pos } });
  return mentionCompletionSource(search, { offerAt: isEditable })(new CompletionContext(state, pos, explicit));
}

/** The document after picking option `index`. */
function pick(doc: string, result: CompletionResult, index = 0): string {
  const option = result.options[index];
  if (!option || typeof option.apply !== 'string') throw new Error('no string completion');
  return doc.slice(0, result.from) + option.apply + doc.slice(result.to ?? result.from);
}

describe('technique autocomplete', () => {
  it('offers the sub-techniques of a typed id below the line, with name and tactic', async () => {
    const doc = `${page}\n\nAlso seen: T0155.`;
    const result = await complete(doc, doc.length);
    expect(result?.options.map((o) => o.label).slice(0, 7)).toEqual(['T0155.001', 'T0155.002', 'T0155.003', 'T0155.004', 'T0155.005', 'T0155.006', 'T0155.007']);
    const encrypted = result?.options.find((o) => o.label === 'T0155.007');
    expect(encrypted).toMatchObject({ detail: 'Encrypted Communication Channel', info: 'TA07 Select Channels and Affordances' });
  });

  it('writes the inline mention, taking in a typed parenthesis and a closing one', async () => {
    const doc = `${page}\n\nseen on WhatsApp (T0155.007`;
    const result = await complete(doc, doc.length);
    expect(result).not.toBeNull();
    expect(pick(doc, result as CompletionResult)).toBe(`${page}\n\nseen on WhatsApp (T0155.007: Encrypted Communication Channel)`);
    const closed = `${doc})`;
    const inside = await complete(closed, doc.length);
    expect(pick(closed, inside as CompletionResult)).toBe(`${page}\n\nseen on WhatsApp (T0155.007: Encrypted Communication Channel)`);
  });

  it('searches names on request (Ctrl+Space), and not while typing a plain word', async () => {
    const doc = `${page}\n\nencrypted`;
    expect(await complete(doc, doc.length)).toBeNull();
    const result = await complete(doc, doc.length, true);
    expect(result?.options.slice(0, 3).map((o) => o.label)).toContain('T0155.007');
  });

  it('offers nothing above the edit line', async () => {
    const at = splitAtEditLine(page).notesOffset - 60;
    const doc = `${page.slice(0, at)}T0155.${page.slice(at)}`;
    expect(await complete(doc, at + 'T0155.'.length)).toBeNull();
  });
});
