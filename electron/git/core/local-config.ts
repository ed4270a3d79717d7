/**
 * A checkout's own configuration (`.git/config` and what it includes) is written by whoever
 * prepared the folder, not necessarily by the analyst. Settings there that make git run a program
 * are refused where they would run: filters and signing programs on every read and write of files
 * (a commit runs the signing program); upload-pack
 * commands, ssh commands, transport helpers, credential programs and merge drivers on fetch, pull
 * and push. The workbench reports them and runs nothing until they are removed. The analyst's
 * global configuration (~/.gitconfig) is theirs and is trusted.
 */
import { ApiError } from '../../../shared/api/errors';
import { runPlumbing } from './plumbing';

/** When a setting would run: on any git operation on files, or only when talking to a remote. */
export type UnsafeScope = 'files' | 'network';

/** One setting of the checkout's own config that would run a program. */
export interface UnsafeSetting {
  readonly key: string;
  readonly value: string;
  readonly why: string;
  readonly scope: UnsafeScope;
  /** The file that sets it, as git names it (`.git/config`, an included file's path, `config.worktree`). */
  readonly file: string;
  /** The command that removes it from that file. */
  readonly remove: string;
}

type Rule = readonly [RegExp, UnsafeScope, (value: string, key: string) => string | undefined];

const RUNS = (what: string) => () => `git would run it as a program ${what}`;
const RULES: readonly Rule[] = [
  [/^filter\..+\.(clean|smudge|process)$/, 'files', (value) => (/^git-lfs /.test(value) ? undefined : 'git would run it on every file it reads or writes')],
  // A commit (commit.gpgsign, possibly set beside it) runs the signing program, and reading
  // signatures runs it too; `files`, because a commit is a file operation.
  [/^gpg\.([^.]+\.)?program$/, 'files', RUNS('to sign commits (commit.gpgsign) or check signatures')],
  [/^gpg\.ssh\.defaultkeycommand$/, 'files', RUNS('to choose the ssh key that signs commits')],
  [/^remote\..+\.(uploadpack|receivepack)$/, 'network', RUNS('on fetch, pull or push')],
  [/^remote\..+\.vcs$/, 'network', RUNS('as a remote helper on fetch')],
  [/^remote\..+\.(url|pushurl)$/, 'network', (value) => (/^[A-Za-z0-9+.-]*::/.test(value) ? 'the address uses a transport helper that runs a program (`ext::`, `fd::`...)' : undefined)],
  [/^url\..+\.(insteadof|pushinsteadof)$/, 'network', (_value, key) => (/^url\.[A-Za-z0-9+.-]*::/.test(key) ? 'it rewrites addresses to a transport helper that runs a program' : undefined)],
  [/^protocol\.(.+\.)?allow$/, 'network', (value) => (value.toLowerCase() === 'always' ? 'it allows transports that run programs (the workbench overrides it, but it should not be there)' : undefined)],
  [/^core\.(sshcommand|gitproxy|askpass|alternaterefscommand)$/, 'network', RUNS('when talking to a remote')],
  [/^credential\.(.+\.)?helper$/, 'network', (value) => (value.startsWith('!') || /[/\\]/.test(value) ? "it runs a program from this checkout's settings to fetch passwords" : undefined)],
  [/^merge\..+\.driver$/, 'network', RUNS('to merge files on pull')],
];

/** One setting as git reads it, with where it comes from (`system`, `global`, `local`, `worktree`, `command`). */
export interface ConfigEntry {
  readonly scope: string;
  /** Where git read it: `file:<path>` (relative to the work tree for `.git/config`), `command line:`... */
  readonly origin: string;
  /** Lower case, as git prints it. */
  readonly key: string;
  readonly value: string;
}

/** The scopes written by whoever prepared the checkout: its `.git/config` (and includes) and `config.worktree`. */
const CHECKOUT_SCOPES = ['local', 'worktree'];

/**
 * Every setting git sees in the checkout, with its scope, in git's order (a later value wins):
 * one process serves the safety check and whatever else an operation reads from the config (the
 * commit author).
 */
export async function readConfig(checkout: string, baseEnv?: NodeJS.ProcessEnv): Promise<ConfigEntry[]> {
  const result = await runPlumbing(checkout, ['config', '--list', '--includes', '--show-scope', '--show-origin', '-z'], { expectedExitCodes: [0, 1], ...(baseEnv ? { baseEnv } : {}) });
  const fields = result.stdout.toString('utf8').split('\0');
  const entries: ConfigEntry[] = [];
  // -z with both flags: scope, origin, then `key\nvalue`, each ended by NUL.
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const scope = fields[i] ?? '';
    const origin = fields[i + 1] ?? '';
    const entry = fields[i + 2] ?? '';
    const newline = entry.indexOf('\n');
    entries.push({ scope, origin, key: (newline < 0 ? entry : entry.slice(0, newline)).toLowerCase(), value: newline < 0 ? '' : entry.slice(newline + 1) });
  }
  return entries;
}

/** The settings of the checkout's own config among `entries` that would run a program. */
function unsafeSettingsIn(entries: readonly ConfigEntry[]): UnsafeSetting[] {
  const found: UnsafeSetting[] = [];
  for (const { scope, origin, key, value } of entries) {
    if (!CHECKOUT_SCOPES.includes(scope)) continue;
    for (const [pattern, settingScope, judge] of RULES) {
      if (!pattern.test(key)) continue;
      const why = judge(value, key);
      if (why) found.push({ key, value, why, scope: settingScope, ...removal(scope, origin, key) });
    }
  }
  return found;
}

/**
 * Where a setting is and the command that removes it: `--local` and `--worktree` reach only the
 * checkout's config and config.worktree; a setting from an included file is removed from that file.
 */
function removal(scope: string, origin: string, key: string): { file: string; remove: string } {
  const file = origin.replace(/^file:/, '');
  const main = scope === 'worktree' ? /(^|[/\\])config\.worktree$/ : /(^|[/\\])\.git[/\\]config$/;
  if (origin.startsWith('file:') && !main.test(file)) return { file, remove: `git config --file ${quoteArgument(file)} --unset-all ${key}` };
  return { file: file || (scope === 'worktree' ? '.git/config.worktree' : '.git/config'), remove: `git config --${scope === 'worktree' ? 'worktree' : 'local'} --unset-all ${key}` };
}

/** A path as a shell argument in a message (quoted when it holds anything but plain characters). */
function quoteArgument(path: string): string {
  return /^[\w./:@-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}

/**
 * Refuses to go on when the checkout's own config would run a program during this operation:
 * `files` operations (status, stage, commit, check...) refuse filter settings; `network`
 * operations (fetch, pull, push) refuse every setting above. Says which and how to remove them.
 * Judges settings the operation has read already (readConfig), so that a network verb judges the
 * same entries its operation's `files` check read, without reading the config again. Returns every
 * unsafe setting found (the network ones when the scope is `files`).
 */
export function assertSafeConfig(entries: readonly ConfigEntry[], scope: UnsafeScope): UnsafeSetting[] {
  const all = unsafeSettingsIn(entries);
  const unsafe = all.filter((s) => scope === 'network' || s.scope === 'files');
  if (unsafe.length === 0) return all;
  throw new ApiError('forbidden', `This checkout's own git settings (.git/config) would make git run programs, so the workbench does not run git here: ${describeUnsafeSettings(unsafe)}`, { unsafeSettings: unsafe });
}

/** The settings and the way to remove them, for a message. */
export function describeUnsafeSettings(unsafe: readonly UnsafeSetting[]): string {
  const list = unsafe.map((s) => `${s.key} = ${JSON.stringify(s.value.slice(0, 100))} in ${s.file} (${s.why})`).join('; ');
  const commands = [...new Set(unsafe.map((s) => `\`${s.remove}\``))].join(', ');
  return `${list}. If you did not put them there, remove them: ${commands}; if you did, move them to your global git config (~/.gitconfig), which the workbench trusts.`;
}
