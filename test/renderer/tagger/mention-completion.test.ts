// Inline mentions in an explanation, headless: the real catalog search of a real clone behind the
// completion source; typing `T0` offers techniques with name and tactic, and picking one writes
// `(T0155.007: Encrypted Communication Channel)`.
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionCompletionSource } from '../../../renderer/src/lib/editor/mention-completion';
import { mentionAt } from '../../../renderer/src/lib/editor/mention-hover';
import { techniqueSearch, type TechniqueSearch } from '../../../renderer/src/lib/editor/technique-lookup';
import { startInProcessApi, type InProcessApi } from '../helpers/in-process-api';

let backEnd: InProcessApi;
let search: TechniqueSearch;

beforeAll(async () => {
  backEnd = await startInProcessApi();
  search = techniqueSearch(backEnd.api);
});
afterAll(async () => {
  await backEnd?.dispose();
});

async function complete(doc: string, pos = doc.length, explicit = false): Promise<CompletionResult | null> {
  const state = EditorState.create({ doc, selection: { anchor: pos } });
  return mentionCompletionSource(search)(new CompletionContext(state, pos, explicit));
}

function pick(doc: string, result: CompletionResult, label: string): string {
  const option = result.options.find((o) => o.label === label);
  if (!option || typeof option.apply !== 'string') throw new Error(`no completion ${label}`);
  return doc.slice(0, result.from) + option.apply + doc.slice(result.to ?? result.from);
}

describe('inline mention autocomplete', () => {
  it('offers techniques for a typed id, with name and tactic, and writes the framework form', async () => {
    const doc = 'They used encrypted apps T0155.00';
    const result = await complete(doc);
    expect(result).not.toBeNull();
    if (!result) return;
    const option = result.options.find((o) => o.label === 'T0155.007');
    expect(option?.detail).toBe('Encrypted Communication Channel');
    expect(option?.info).toBe('TA07 Select Channels and Affordances');
    expect(pick(doc, result, 'T0155.007')).toBe('They used encrypted apps (T0155.007: Encrypted Communication Channel)');
  });

  it('puts the exact id first', async () => {
    const result = await complete('T0155.007');
    expect(result?.options[0]?.label).toBe('T0155.007');
  });

  it('replaces an opening parenthesis typed before the id, and the closing one after the cursor', async () => {
    const doc = 'Impersonation (T0143.003)';
    const result = await complete(doc, doc.length - 1);
    expect(result).not.toBeNull();
    if (result) expect(pick(doc, result, 'T0143.003')).toBe('Impersonation (T0143.003: Impersonated Persona)');
  });

  it('stays quiet for text that is not an id being typed (a tactic, a link id, a word)', async () => {
    expect(await complete('the tactic TA07')).toBeNull();
    expect(await complete('linked IT00000219')).toBeNull();
    expect(await complete('encrypted')).toBeNull();
  });

  it('searches technique names on an explicit request (Ctrl+Space)', async () => {
    const doc = 'apps like impersonat';
    const result = await complete(doc, doc.length, true);
    expect(result?.options.map((o) => o.label)).toContain('T0143.003');
  });
});

describe('mention under the pointer', () => {
  it('finds the id a position is in, with its range', () => {
    const line = 'as a persona (T0097.100: Individual Persona) and T0143.003.';
    const at = line.indexOf('T0097.100') + 3;
    expect(mentionAt(line, 100, 100 + at)).toEqual({ id: 'T0097.100', from: 100 + line.indexOf('T0097.100'), to: 100 + line.indexOf('T0097.100') + 9 });
    expect(mentionAt(line, 0, line.indexOf('T0143.003') + 9)?.id).toBe('T0143.003');
    expect(mentionAt(line, 0, 2)).toBeUndefined();
  });
});
