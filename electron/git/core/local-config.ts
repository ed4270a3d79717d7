/**
 * A checkout's own configuration (`.git/config` and what it includes) is written by whoever
 * prepared the folder, not necessarily by the analyst. Settings there that make git run a program
 * on fetch, pull, push or on ordinary reads (an upload-pack command, an ssh command, a transport
 * program, a clean/smudge filter) are refused: the workbench reports them and runs nothing until
 * they are removed. The analyst's global configuration (~/.gitconfig) is theirs and is trusted.
 */
import { ApiError } from '../../../shared/api/errors';
import { runGit } from './runner';

/** One setting of the checkout's own config that would run a program. */
export interface UnsafeSetting {
  readonly key: string;
  readonly value: string;
  readonly why: string;
}

type Rule = readonly [RegExp, (value: string, key: string) => string | undefined];

const RUNS = (what: string) => () => `git would run it as a program ${what}`;
const RULES: readonly Rule[] = [
  [/^remote\..+\.(uploadpack|receivepack)$/, RUNS('on fetch, pull or push')],
  [/^remote\..+\.vcs$/, RUNS('as a remote helper on fetch')],
  [/^remote\..+\.(url|pushurl)$/, (value) => (/^[A-Za-z0-9+.-]*::/.test(value) ? 'the address uses a transport helper that runs a program (`ext::`, `fd::`...)' : undefined)],
  [/^url\..+\.(insteadof|pushinsteadof)$/, (_value, key) => (/^url\.[A-Za-z0-9+.-]*::/.test(key) ? 'it rewrites addresses to a transport helper that runs a program' : undefined)],
  [/^protocol\.(.+\.)?allow$/, (value) => (value.toLowerCase() === 'always' ? 'it allows transports that run programs (the workbench overrides it, but it should not be there)' : undefined)],
  [/^core\.(sshcommand|gitproxy|askpass|alternaterefscommand)$/, RUNS('when talking to a remote')],
  [/^credential\.(.+\.)?helper$/, (value) => (value.startsWith('!') || /[/\\]/.test(value) ? 'it runs a program from this checkout\'s settings to fetch passwords' : undefined)],
  [/^filter\..+\.(clean|smudge|process)$/, (value) => (/^git-lfs /.test(value) ? undefined : 'git would run it on every file it reads or writes')],
  [/^merge\..+\.driver$/, RUNS('to merge files on pull')],
];

/** The settings of `.git/config` (with its includes) that would run a program. */
export async function findUnsafeSettings(checkout: string, baseEnv?: NodeJS.ProcessEnv): Promise<UnsafeSetting[]> {
  const result = await runGit(checkout, ['config', '--local', '--includes', '--list', '-z'], { expectedExitCodes: [0, 1], ...(baseEnv ? { baseEnv } : {}) });
  const found: UnsafeSetting[] = [];
  for (const entry of result.stdout.toString('utf8').split('\0')) {
    if (entry === '') continue;
    const newline = entry.indexOf('\n');
    const key = (newline < 0 ? entry : entry.slice(0, newline)).toLowerCase();
    const value = newline < 0 ? '' : entry.slice(newline + 1);
    for (const [pattern, judge] of RULES) {
      if (!pattern.test(key)) continue;
      const why = judge(value, key);
      if (why) found.push({ key, value, why });
    }
  }
  return found;
}

/** Refuses to go on when the checkout's own config would run a program; says which settings and how to remove them. */
export async function assertSafeLocalConfig(checkout: string, baseEnv?: NodeJS.ProcessEnv): Promise<void> {
  const unsafe = await findUnsafeSettings(checkout, baseEnv);
  if (unsafe.length === 0) return;
  const list = unsafe.map((s) => `${s.key} = ${JSON.stringify(s.value.slice(0, 100))} (${s.why})`).join('; ');
  throw new ApiError(
    'forbidden',
    `This checkout's own git settings (.git/config) would make git run programs, so the workbench runs nothing in it: ${list}. ` +
      `If you did not put them there, remove them, e.g. \`git config --local --unset-all ${unsafe[0]?.key}\`; if you did, move them to your global git config (~/.gitconfig), which the workbench trusts.`,
    { unsafeSettings: unsafe },
  );
}
