/**
 * The second wall for paths from the UI (electron/paths.ts): a path stays inside the checkout and
 * out of `.git`, through symbolic links too; a name that merely starts with two dots is a file
 * like any other.
 */
import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveInCheckout } from '../../electron/paths';
import { tempDir } from '../helpers/fixtures';
import { refusal } from '../helpers/refusal';

const dir = tempDir('disarm-paths-');
const checkout = join(dir.path, 'checkout');
mkdirSync(join(checkout, '.git'), { recursive: true });
mkdirSync(join(checkout, 'generated_pages'));
symlinkSync(dir.path, join(checkout, 'generated_pages', 'out'));
afterAll(() => dir.dispose());

describe('resolveInCheckout', () => {
  it('resolves paths inside the checkout, new files and names starting with two dots included', () => {
    const root = realpathSync(checkout);
    for (const path of ['generated_pages/T0001.md', '..notes.md', 'generated_pages/..draft.md']) expect(resolveInCheckout(checkout, path), path).toBe(join(root, path));
  });

  it('refuses paths outside the checkout (directly or through a link) and inside .git', async () => {
    for (const [path, reason] of [
      ['../outside.md', /outside the open checkout/],
      ['generated_pages/out/x.md', /outside the open checkout/],
      ['.git/config', /inside \.git/],
      ['generated_pages/../.GIT/hooks/pre-commit', /inside \.git/],
    ] as const) {
      const error = await refusal(Promise.resolve().then(() => resolveInCheckout(checkout, path)));
      expect(error.code, path).toBe('forbidden');
      expect(error.message, path).toMatch(reason);
    }
  });
});
