/**
 * Live validation in the renderer with the back end's part of the context: a technique that the
 * checked-out framework no longer has is reported as retired (with since when) rather than
 * unknown, in drafts and in page notes alike.
 */
import { describe, expect, it } from 'vitest';
import { EDIT_LINE } from '../../../shared/edit-line';
import { lookupFromList } from '../../../shared/drafts/framework-lookup';
import { validateDraft } from '../../../shared/validation';
import { pageLint } from '../../../renderer/src/lib/validation/page-lint';
import { retiredById, validationContext, type BackEndContext } from '../../../renderer/src/lib/validation/back-end-context';
import { newDraft } from '../../../shared/drafts/changes';

const techniques = [{ id: 'T0155.007', name: 'Encrypted Communication Channel', summary: '', tacticId: 'TA07', tacticName: 'Select Channels and Affordances', parentId: 'T0155', subTechniqueIds: [] }];
const backEnd: BackEndContext = { retired: [{ id: 'T0043.001', name: 'Use Encrypted Chat Apps', removedIn: { commit: 'abc1234', date: '2025-02-10' } }], takenIncidentIds: ['I00068'], nextFreeIncidentId: 'I00130' };

describe('validation with the back end’s context', () => {
  it('flags a retired id in page notes as retired, with its date', () => {
    const page = `# Technique\n${EDIT_LINE}\nSeen with (T0043.001: Use Encrypted Chat Apps).`;
    const withRetired = pageLint(techniques, EDIT_LINE, retiredById(backEnd.retired))(page);
    expect(withRetired.map((d) => d.code)).toContain('retired-id');
    expect(withRetired.find((d) => d.code === 'retired-id')?.message).toMatch(/2025-02-10/);
    expect(pageLint(techniques, EDIT_LINE)(page).map((d) => d.code)).toContain('unknown-id');
  });

  it('flags a retired tag and a taken incident id in a draft, and offers the next free id', () => {
    const draft = newDraft('3f1c7f55-1d7e-4a39-9d32-0d8bbd2d7e01', '2026-11-21T00:00:00.000Z', {
      incidentId: 'I00068',
      incident: { name: 'Probe' },
      annotations: [{ id: '7b0b8f7e-5b8e-4c44-8a7f-0a7e7f3d2c11', quote: 'x', techniqueIds: ['T0043.001'], explanation: '', review: 'draft' }],
    });
    const diagnostics = validateDraft(draft, validationContext(lookupFromList(techniques), backEnd));
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['retired-id', 'id-taken']));
    expect(diagnostics.find((d) => d.code === 'id-taken')?.fixes[0]?.title).toMatch(/I00130/);
    const catalogOnly = validateDraft(draft, validationContext(lookupFromList(techniques), undefined)).map((d) => d.code);
    expect(catalogOnly).not.toContain('id-taken');
  });
});
