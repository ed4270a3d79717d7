/**
 * Suggestions through the dispatcher: techniques for a passage with their reasons, the analyst's
 * verdicts kept in the store file (and only there) and counted by the next suggestions, and clear
 * refusals of bad input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOverClone, type ApiOverClone } from '../helpers/api-over-clone';
import { SOURCE_ARTICLE } from '../helpers/fixtures';

let api: ApiOverClone;
beforeAll(async () => {
  api = await apiOverClone();
  api.services.workspace.set(api.clone.path);
});
afterAll(() => api?.dispose());

type Suggestion = { id: string; name: string; tacticId: string; reason: string };
async function suggest(passage: string, extra: object = {}): Promise<Suggestion[]> {
  const result = await api.dispatch('suggestions.forPassage', { passage, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return (result as { result: Suggestion[] }).result;
}

const passage = 'An employee received calls and a voicemail with an audio deepfake of the chief executive, sent over WhatsApp.';

describe('suggestions', () => {
  it('gives five techniques for a passage, each with its tactic and a one-line reason', async () => {
    const hits = await suggest(passage);
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => h.id)).toContain('T0088.001');
    for (const hit of hits) {
      expect(hit.tacticId).toMatch(/^TA\d\d$/);
      expect(hit.reason).toMatch(/^(summary|name|name and summary|like I\d{5}|like your example): \S/);
    }
    expect((await suggest(passage, { exclude: ['T0088.001'] })).map((h) => h.id)).not.toContain('T0088.001');
  });

  it("keeps the analyst's verdicts in the store file and counts them in later suggestions", async () => {
    const before = (await suggest(passage)).map((h) => h.id);
    expect(before).not.toContain('T0097.111');
    const top = before[0] as string;
    expect(await api.dispatch('suggestions.record', { passage, techniqueId: 'T0097.111', verdict: 'accepted' })).toEqual({ ok: true, result: { examples: 1 } });
    expect(await api.dispatch('suggestions.record', { passage, techniqueId: top, verdict: 'rejected' })).toEqual({ ok: true, result: { examples: 2 } });
    const after = (await suggest(passage)).map((h) => h.id);
    expect(after[0]).toBe('T0097.111');
    expect(after).not.toContain(top);
    const file = JSON.parse(readFileSync(join(api.services.userDataDir, 'store.json'), 'utf8')) as { suggestionExamples: unknown[] };
    expect(file.suggestionExamples).toEqual([expect.objectContaining({ passage, techniqueId: 'T0097.111', verdict: 'accepted' }), expect.objectContaining({ techniqueId: top, verdict: 'rejected' })]);
    // A second verdict on the same passage and technique replaces the first.
    await api.dispatch('suggestions.record', { passage, techniqueId: top, verdict: 'accepted' });
    expect((JSON.parse(readFileSync(join(api.services.userDataDir, 'store.json'), 'utf8')) as { suggestionExamples: unknown[] }).suggestionExamples).toHaveLength(2);
  });

  it('ranks the whole article with the sentences that evoke each technique, by their offsets', async () => {
    const text = readFileSync(SOURCE_ARTICLE, 'utf8');
    const result = await api.dispatch('suggestions.forSource', { text });
    if (!result.ok) throw new Error(JSON.stringify(result));
    const ranked = (result as { result: { id: string; reason: string; passages: { from: number; to: number; text: string }[] }[] }).result;
    expect(ranked.length).toBe(15);
    expect(ranked[0]?.id).toBe('T0143.003');
    for (const technique of ranked) {
      expect(technique.passages.length).toBeGreaterThan(0);
      for (const p of technique.passages) expect(text.slice(p.from, p.to).trim()).toBe(p.text);
    }
    expect(await api.dispatch('suggestions.forSource', { text: '' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('the source is empty') } });
  });

  it('refuses an empty passage, a bad id and an unknown verdict with a clear message', async () => {
    expect(await api.dispatch('suggestions.forPassage', { passage: '   ' })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('the passage is empty') } });
    expect(await api.dispatch('suggestions.record', { passage, techniqueId: 'T155.7', verdict: 'accepted' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a technique id (T0000 or T0000.000)') } });
    expect(await api.dispatch('suggestions.record', { passage, techniqueId: 'T0155.007', verdict: 'maybe' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
