/**
 * The environment and configuration every git process of the workbench runs with. A checkout on
 * disk may have been prepared by someone else (a `.git/config` with an `ext::` remote, an
 * fsmonitor or upload-pack command, hooks), so the workbench pins the settings through which git
 * would run programs, and lets the user's own environment through only where it is theirs (ssh,
 * credentials, config file locations).
 */
import type { SimpleGitOptions } from 'simple-git';

/** simple-git's unsafe-operation categories (`unsafe` option): each is off unless listed here. */
export type UnsafeCategory = keyof NonNullable<SimpleGitOptions['unsafe']>;

/**
 * Transports git may use, whatever a checkout's config says: GIT_ALLOW_PROTOCOL overrides every
 * `protocol.*.allow` setting, so `ext::` (runs a command) and `fd::` are refused even when a
 * poisoned `.git/config` sets `protocol.ext.allow=always`. `file` is needed for local remotes and bundles.
 */
const ALLOWED_PROTOCOLS = 'file:git:http:https:ssh';

/** Variables that point git at another repository or index; the runner sets these itself when needed. */
const REPOSITORY_LOCATION = ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_COMMON_DIR', 'GIT_NAMESPACE', 'GIT_PREFIX', 'GIT_QUARANTINE_PATH'];

/**
 * Variables that make git run a program the workbench never wants (an editor, a pager, an external
 * diff) or inject configuration behind the runner's back; git sets some of them for hooks
 * (GIT_EDITOR=:, GIT_CONFIG_PARAMETERS, GIT_EXEC_PATH), so a check run from a hook must drop them.
 * GIT_TRACE too: its lines on standard error would mix with the messages the runner classifies
 * (the runner sets its own, see runner.ts).
 */
const DROPPED = ['EDITOR', 'VISUAL', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'PAGER', 'GIT_PAGER', 'GIT_EXTERNAL_DIFF', 'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_EXEC_PATH', 'PREFIX', 'GIT_TRACE'];

/**
 * The user's own settings, passed through when present, with the simple-git category that
 * covers each (the library refuses them unless told they are intended).
 */
const USER_SETTINGS: Readonly<Record<string, UnsafeCategory>> = {
  GIT_SSH: 'allowUnsafeSshCommand',
  GIT_SSH_COMMAND: 'allowUnsafeSshCommand',
  GIT_ASKPASS: 'allowUnsafeAskPass',
  SSH_ASKPASS: 'allowUnsafeAskPass',
  GIT_PROXY_COMMAND: 'allowUnsafeGitProxy',
  GIT_CONFIG_GLOBAL: 'allowUnsafeConfigPaths',
  GIT_CONFIG_SYSTEM: 'allowUnsafeConfigPaths',
  GIT_TEMPLATE_DIR: 'allowUnsafeTemplateDir',
};

/** A folder where no hook can exist: `core.hooksPath` points here when hooks must not run. */
const NO_HOOKS_PATH = process.platform === 'win32' ? 'NUL' : '/dev/null';

/** What the runner passes to simple-git for one call. */
export interface GitProcessSettings {
  readonly env: Record<string, string>;
  /** `-c key=value` settings, set by the workbench (never from user input). */
  readonly config: string[];
  readonly unsafe: Partial<Record<UnsafeCategory, true>>;
}

/** How one call wants to run. */
export interface ProcessSettingsRequest {
  /** 'repository': the checkout's own hooks run (commit); 'none': no hook runs. */
  readonly hooks: 'none' | 'repository';
  /** A specific index file (a temporary index, or the one git gave a hook). */
  readonly indexFile?: string;
  /** Extra variables (the author identity from the app's settings). */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

/** Builds the environment, `-c` settings and simple-git categories for one git call. */
export function gitProcessSettings(base: NodeJS.ProcessEnv, request: ProcessSettingsRequest): GitProcessSettings {
  const env: Record<string, string> = {};
  const unsafe: Partial<Record<UnsafeCategory, true>> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    const upper = key.toUpperCase();
    if (REPOSITORY_LOCATION.includes(upper) || DROPPED.includes(upper) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(upper)) continue;
    const category = USER_SETTINGS[upper];
    if (category) unsafe[category] = true;
    env[key] = value;
  }
  Object.assign(env, request.extraEnv ?? {}, {
    GIT_TERMINAL_PROMPT: '0', // never wait for a password on a terminal nobody sees
    GIT_ALLOW_PROTOCOL: ALLOWED_PROTOCOLS,
    GIT_PROTOCOL_FROM_USER: '0',
    GIT_OPTIONAL_LOCKS: '0', // reads (status) never take index.lock
    GIT_LITERAL_PATHSPECS: '1', // a file named `:(glob)*` is that file, not pathspec magic
    LC_ALL: 'C', // stable messages to classify errors
    LANGUAGE: 'C',
  });
  if (request.indexFile !== undefined) env.GIT_INDEX_FILE = request.indexFile;
  // fsmonitor runs a program on status, diff, add and commit: the one setting pinned on every call.
  const config = ['core.fsmonitor=false', 'submodule.recurse=false'];
  unsafe.allowUnsafeFsMonitor = true;
  if (request.hooks === 'none') {
    config.push(`core.hooksPath=${NO_HOOKS_PATH}`);
    unsafe.allowUnsafeHooksPath = true;
  }
  return { env, config, unsafe };
}
