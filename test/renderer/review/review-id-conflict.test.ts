// Review's check before writing a draft's pages, against the real back end on a real clone with a
// bare remote: a teammate's branch, pushed and fetched after the draft got its id, uses that id;
// the check finds it, says so with the next free id, and once the draft takes that id (as Review's
// button does) the check passes. A draft alone with its id is never stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIdConflict, draftIdConflict } from '../../../renderer/src/features/review/review-model';
import { addBareRemote, teammatePushesIncident } from '../../helpers/fixtures';
import { startInProcessApi, type InProcessApi } from '../helpers/in-process-api';

let backEnd: InProcessApi;
let bare: string;

beforeAll(async () => {
  backEnd = await startInProcessApi();
  bare = addBareRemote(backEnd.clone);
});
afterAll(async () => {
  await backEnd?.dispose();
});

describe('the id check before writing pages', () => {
  it('offers the next free id for a draft whose id a fetched remote branch took', async () => {
    const { api } = backEnd;
    const created = await api.call('drafts.create', { content: { incident: { name: 'Signal phishing' } } });
    const draft = await api.call('drafts.allocateIds', { id: created.id });
    const mine = draft.incidentId as string;
    expect(mine).toMatch(/^I\d{5}$/);
    expect(await draftIdConflict(api, draft.id)).toBeUndefined();

    teammatePushesIncident(bare, backEnd.clone.root, mine);
    await api.call('repo.fetch', {});

    const next = `I${String(Number(mine.slice(1)) + 1).padStart(5, '0')}`;
    const conflict = await draftIdConflict(api, draft.id);
    expect(conflict).toMatchObject({ draftId: draft.id, incidentId: mine, suggestedIncidentId: next, takenBy: 'checkout' });
    expect(describeIdConflict(conflict as NonNullable<typeof conflict>)).toBe(`Not written: ${mine} is already used in the checkout (its history or a remote branch); the next free id is ${next}.`);

    // Review's "Use … and write pages" gives the draft that id; then nothing stops the write.
    expect((await api.call('drafts.resolveIdConflict', { id: draft.id })).incidentId).toBe(next);
    expect(await draftIdConflict(api, draft.id)).toBeUndefined();
  });

  it('names only the chosen draft: another draft’s conflict does not stop it', async () => {
    const { api } = backEnd;
    const other = await api.call('drafts.allocateIds', { id: (await api.call('drafts.create', {})).id });
    const copy = await api.call('drafts.create', { content: { incidentId: other.incidentId as string, incident: { name: 'copy' } } });
    expect((await draftIdConflict(api, copy.id))?.takenBy).toBe('another draft');
    expect(await draftIdConflict(api, other.id)).toBeUndefined();
  });
});
