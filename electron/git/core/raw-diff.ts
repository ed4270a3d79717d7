/**
 * git's raw diff format (`diff-tree`, `diff-index --raw -z --no-abbrev`): per changed path its
 * status, modes and both object ids, which is all the guard needs to know where to read the two
 * versions of each file, without listing whole trees.
 */
import type { ChangeStatus, FileMode } from '../../../shared/guard';
import { isNullOid, toFileMode } from './trees';

/** One record of a raw diff. Object ids are absent where a side does not exist or is not hashed (a work-tree file). */
export interface RawChange {
  readonly path: string;
  readonly status: ChangeStatus;
  /** The old path of a rename or copy. */
  readonly oldPath?: string;
  readonly oldMode?: FileMode;
  readonly newMode?: FileMode;
  readonly oldOid?: string;
  readonly newOid?: string;
}

const STATUS: Readonly<Record<string, ChangeStatus>> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'typechanged', U: 'unmerged' };

/** `git diff --raw -z` records: `:oldMode newMode oldOid newOid S\0path\0[path2\0]`. */
export function parseRawDiff(raw: string): RawChange[] {
  const fields = raw.split('\0');
  const changes: RawChange[] = [];
  for (let i = 0; i < fields.length; ) {
    const head = fields[i++] ?? '';
    if (!head.startsWith(':')) continue;
    const [oldMode, newMode, oldOid, newOid, statusField] = head.slice(1).split(' ');
    const status = STATUS[(statusField ?? '').charAt(0)] ?? 'modified';
    const first = fields[i++] ?? '';
    const sides = {
      ...(oldMode && !/^0+$/.test(oldMode) ? { oldMode: toFileMode(oldMode) } : {}),
      ...(newMode && !/^0+$/.test(newMode) ? { newMode: toFileMode(newMode) } : {}),
      ...(!isNullOid(oldOid) ? { oldOid } : {}),
      ...(!isNullOid(newOid) ? { newOid } : {}),
    };
    if (status === 'renamed' || status === 'copied') {
      const second = fields[i++] ?? '';
      changes.push({ path: second, oldPath: first, status, ...sides });
    } else {
      changes.push({ path: first, status, ...sides });
    }
  }
  return changes;
}
