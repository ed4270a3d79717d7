/**
 * `disarm-workbench install-hook --repo DIR`: installs a pre-commit hook that runs
 * `disarm-workbench check --staged`, so a plain `git commit` from a terminal keeps the edit-line
 * promise too. An existing pre-commit hook is kept (renamed to pre-commit.before-disarm-workbench)
 * and runs first; running the command again only refreshes the hook (idempotent). The hook calls
 * this installation by absolute paths (node and the CLI), so it works whatever PATH a git client has.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { runGitText } from '../../git/core/runner';
import { openCheckout } from '../../git/open';
import { findPackageRoot } from '../../shell/package-root';
import { EXIT_OK, EXIT_USAGE, UsageError, parseCommandArgs, type Command } from '../command';

/** The line that marks a hook as ours (how a second install recognises it). */
const HOOK_MARKER = '# disarm-workbench pre-commit hook';
/** Where an earlier pre-commit hook is kept; ours runs it first. */
const CHAINED_HOOK = 'pre-commit.before-disarm-workbench';

const USAGE = `Usage: disarm-workbench install-hook --repo DIR

Installs a git pre-commit hook in DIR that refuses any commit changing text above a page's edit
line (it runs \`disarm-workbench check --staged\`). An existing pre-commit hook is kept as
${CHAINED_HOOK} and still runs first. Running it again updates the hook.`;

/** The hook script: the chained hook first, then the check, by absolute paths. */
function hookScript(node: string, cli: string): string {
  return `#!/bin/sh
${HOOK_MARKER}: refuses commits that change anything above a page's edit line.
# Installed by \`disarm-workbench install-hook\`; run that again to update it. A pre-commit hook
# that was here before was kept as ${CHAINED_HOOK} and runs first.
hook_dir=$(dirname -- "$0")
if [ -x "$hook_dir/${CHAINED_HOOK}" ]; then
  "$hook_dir/${CHAINED_HOOK}" "$@" || exit $?
fi
exec ${shellQuote(node)} ${shellQuote(cli)} check --staged --repo .
`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export const installHookCommand: Command = {
  name: 'install-hook',
  summary: 'Install a git pre-commit hook that runs the edit-line check on staged changes.',
  usage: USAGE,
  async run(args, io) {
    const { values } = parseCommandArgs(args, { repo: { type: 'string' } });
    if (!values.repo) throw new UsageError('--repo DIR is required');
    try {
      const { path } = await openCheckout(resolve(io.cwd, values.repo));
      // --git-path honours core.hooksPath, so the hook lands where git will look for it (the
      // runner's own hooksPath override is off for this call: the checkout's setting is the answer).
      const hooksDir = resolve(path, (await runGitText(path, ['rev-parse', '--git-path', 'hooks'], { hooks: 'repository' })).trim());
      const hook = join(hooksDir, 'pre-commit');
      const chained = join(hooksDir, CHAINED_HOOK);
      const script = hookScript(process.execPath, join(findPackageRoot(import.meta.url).root, 'bin', 'disarm-workbench.js'));
      let action = 'installed';
      if (existsSync(hook)) {
        const current = readFileSync(hook, 'utf8');
        if (current.includes(HOOK_MARKER)) {
          action = current === script ? 'already installed' : 'updated';
        } else if (existsSync(chained)) {
          io.stderr(`install-hook: ${hook} exists and so does ${chained}; the workbench will not overwrite either. Combine them by hand, then run install-hook again.\n`);
          return EXIT_USAGE;
        } else {
          renameSync(hook, chained);
          action = `installed (the existing hook was kept as ${CHAINED_HOOK} and runs first)`;
        }
      }
      if (action !== 'already installed') {
        mkdirSync(hooksDir, { recursive: true });
        writeFileSync(hook, script, { mode: 0o755 });
        chmodSync(hook, 0o755);
      }
      io.stdout(`install-hook: pre-commit hook ${action} in ${hook}\n`);
      return EXIT_OK;
    } catch (error) {
      if (error instanceof ApiError) {
        io.stderr(`install-hook: ${error.message}\n`);
        return EXIT_USAGE;
      }
      throw error;
    }
  },
};
