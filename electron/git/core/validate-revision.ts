/**
 * Revision names and ranges a user gives (`check --range A..B`): refused unless they are plain
 * revision names, before git resolves them. Kept apart from validate.ts (the other checks of user
 * input) so that `check` loads no schema library.
 */
import { refuseInput } from './refuse-input';

const REVISION = /^[A-Za-z0-9_][A-Za-z0-9._/~^@{}-]*$/;

/** A revision name (branch, tag, commit id, `HEAD~3`); resolved by git afterwards. */
export function validRevision(value: string): string {
  if (!REVISION.test(value)) refuseInput('revision', value, 'it is not a revision name (a branch, tag or commit id)');
  return value;
}

/** A revision range `A..B` for `check --range`; each side is then resolved by git. */
export function validRevisionRange(value: string): { from: string; to: string } {
  const parts = value.split('..');
  if (parts.length !== 2 || value.includes('...')) refuseInput('range', value, 'write it as A..B (two revisions joined by `..`)');
  const [from, to] = parts as [string, string];
  for (const side of [from, to]) {
    if (!REVISION.test(side)) refuseInput('range', value, `${JSON.stringify(side)} is not a revision name`);
  }
  return { from, to };
}

