// Review's check before writing a draft's pages, against the real back end on a real clone with a
// bare remote: a teammate's branch, pushed and fetched after the draft got its id, uses that id;
// the check finds it, says so with the next free id, and once the draft takes that id (as Review's
// button does) the check passes. A draft alone with its id is never stopped.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeIdConflict, draftIdConflict } from '../../../renderer/src/features/review/review-model';
import { addBareRemote, git } from '../../helpers/fixtures';
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

/** A teammate's clone pushes branch `teammate` with an incident page `id`, then is removed. */
function teammatePushes(id: string): void {
  const theirs = join(backEnd.clone.root, 'theirs');
  execFileSync('git', ['clone', '-q', bare, theirs]);
  git(theirs, 'config', 'user.name', 'Teammate');
  git(theirs, 'config', 'user.email', 'team@example.org');
  git(theirs, 'checkout', '-q', '-b', 'teammate');
  mkdirSync(join(theirs, 'generated_pages', 'incidents'), { recursive: true });
  writeFileSync(join(theirs, 'generated_pages', 'incidents', `${id}.md`), `# Incident ${id}: Theirs\n`);
  git(theirs, 'add', '.');
  git(theirs, 'commit', '-q', '-m', 'Their incident');
  git(theirs, 'push', '-q', 'origin', 'teammate');
}

describe('the id check before writing pages', () => {
  it('offers the next free id for a draft whose id a fetched remote branch took', async () => {
    const { api } = backEnd;
    const created = await api.call('drafts.create', { content: { incident: { name: 'Signal phishing' } } });
    const draft = await api.call('drafts.allocateIds', { id: created.id });
    const mine = draft.incidentId as string;
    expect(mine).toMatch(/^I\d{5}$/);
    expect(await draftIdConflict(api, draft.id)).toBeUndefined();

    teammatePushes(mine);
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
