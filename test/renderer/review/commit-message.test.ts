// The prefilled commit message, from real pages: a new incident page's own title gives its name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prefillCommitMessage } from '../../../renderer/src/features/review/commit-message';
import { DISARM_DIR } from '../../helpers/fixtures';

const i00068 = readFileSync(join(DISARM_DIR, 'generated_pages', 'incidents', 'I00068.md'), 'utf8');
const asNew = i00068.replace('# Incident I00068:', '# Incident I00131:');

describe('prefilled commit message', () => {
  it('names a new incident by its id and the name in its title', () => {
    expect(prefillCommitMessage([{ path: 'generated_pages/incidents/I00131.md', added: true, newText: asNew }])).toBe(
      'Add incident I00131: Attempted Audio Deepfake Call Targets LastPass Employee',
    );
  });

  it('lists the technique pages whose notes came with it in the body', () => {
    const message = prefillCommitMessage([
      { path: 'generated_pages/techniques/T0155.007.md', added: false },
      { path: 'generated_pages/incidents/I00131.md', added: true, newText: asNew },
      { path: 'generated_pages/techniques/T0097.100.md', added: false },
    ]);
    expect(message.split('\n')).toEqual(['Add incident I00131: Attempted Audio Deepfake Call Targets LastPass Employee', '', 'Notes on T0155.007 and T0097.100.']);
  });

  it('describes notes alone, several incidents, other files, and nothing', () => {
    expect(prefillCommitMessage([{ path: 'generated_pages/techniques/T0155.007.md', added: false }])).toBe('Add notes to T0155.007');
    const four = ['T0001', 'T0002', 'T0003', 'T0004'].map((id) => ({ path: `generated_pages/techniques/${id}.md`, added: false }));
    expect(prefillCommitMessage(four)).toBe('Add notes to T0001, T0002 and 2 more');
    expect(prefillCommitMessage([
      { path: 'generated_pages/incidents/I00131.md', added: true, newText: asNew },
      { path: 'generated_pages/incidents/I00132.md', added: true },
    ])).toBe('Add incidents I00131 and I00132');
    expect(prefillCommitMessage([{ path: 'README.md', added: false }])).toBe('Update README.md');
    expect(prefillCommitMessage([])).toBe('');
  });

  it('falls back to the id when the new page has no readable title, and keeps the subject short', () => {
    expect(prefillCommitMessage([{ path: 'generated_pages/incidents/I00131.md', added: true, newText: 'not a page' }])).toBe('Add incident I00131');
    const long = asNew.replace(/^# Incident I00131: .*$/m, `# Incident I00131: ${'Very long name '.repeat(20)}`);
    const subject = prefillCommitMessage([{ path: 'generated_pages/incidents/I00131.md', added: true, newText: long }]);
    expect(subject.length).toBeLessThanOrEqual(200);
    expect(subject.endsWith('…')).toBe(true);
  });
});
