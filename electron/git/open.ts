/**
 * Opening a checkout: the folder must be the top of a git work tree that holds the DISARM
 * framework's generated pages, and its own git settings must not run programs. Each refusal says
 * which of these failed and what to do.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { assertSafeConfig, describeUnsafeSettings, readConfig } from './core/local-config';
import { runPlumbing } from './core/plumbing';
import { operationInProgress, unbornState, workTreeState, type HeadState, type OperationInProgress } from './core/repository-state';

/** An opened checkout. */
export interface CheckoutInfo {
  /** The work tree's real absolute path (symbolic links resolved). */
  readonly path: string;
  readonly gitDir: string;
  readonly head: HeadState;
  readonly operation: OperationInProgress;
  /**
   * Settings of the checkout's own config that would run programs when talking to a remote: the
   * checkout opens, but fetch, pull and push are refused until they are removed.
   */
  readonly warnings: string[];
}

function refuse(folder: string, reason: string): never {
  throw new ApiError('not-a-checkout', `${folder} cannot be opened: ${reason}`, { reason });
}

/** Checks `folder` and describes the checkout in it; refuses anything else with the reason. */
export async function openCheckout(folder: string, baseEnv?: NodeJS.ProcessEnv): Promise<CheckoutInfo> {
  const env = baseEnv ? { baseEnv } : {};
  if (!isAbsolute(folder)) refuse(folder, 'give the full path of the folder.');
  if (!existsSync(folder)) refuse(folder, 'the folder does not exist.');
  if (!statSync(folder).isDirectory()) refuse(folder, 'it is a file, not a folder.');
  const path = realpathSync(folder);
  if (!existsSync(join(path, '.git'))) {
    const outer = await runPlumbing(path, ['rev-parse', '--show-toplevel'], { expectedExitCodes: [0, 128], ...env });
    if (outer.exitCode === 0) refuse(folder, `it is a folder inside the checkout at ${outer.stdout.toString('utf8').trim()}; open that folder instead.`);
    refuse(folder, 'it has no .git folder, so it is not a git checkout. Clone the DISARM framework (DISARMframeworks) into a new folder, or choose the folder you cloned it into.');
  }
  // Usually one process answers where the work tree, the git folder and HEAD are; the checkout's
  // own settings are read meanwhile (both only read), and judged after the folder itself.
  const [known, config] = await Promise.all([workTreeState(path, baseEnv), readConfig(path, baseEnv).then((entries) => ({ entries }), (error: unknown) => ({ error }))]);
  let topLevel = known?.topLevel;
  if (topLevel === undefined) {
    const top = await runPlumbing(path, ['rev-parse', '--show-toplevel'], { expectedExitCodes: [0, 128], ...env });
    if (top.exitCode !== 0) refuse(folder, 'its .git folder is not a usable git repository (it may be bare or damaged).');
    topLevel = top.stdout.toString('utf8').trim();
  }
  const topPath = realpathSync(topLevel);
  if (topPath !== path) refuse(folder, `its git settings put the work tree elsewhere (${topPath}).`);
  if (!existsSync(join(path, 'generated_pages')) || !statSync(join(path, 'generated_pages')).isDirectory()) {
    refuse(folder, 'it is a git checkout, but it has no generated_pages folder, so it is not a checkout of the DISARM framework (DISARMframeworks).');
  }
  if (!['techniques', 'incidents'].some((kind) => existsSync(join(path, 'generated_pages', kind)))) {
    refuse(folder, 'its generated_pages folder has neither techniques/ nor incidents/; it is not a DISARM framework checkout.');
  }
  if ('error' in config) throw config.error;
  const unsafe = assertSafeConfig(config.entries, 'files').filter((s) => s.scope === 'network');
  const warnings = unsafe.length > 0 ? [`Fetch, pull and push are refused in this checkout: its own git settings would make git run programs: ${describeUnsafeSettings(unsafe)}`] : [];
  // The one-process reading failed while git found the work tree: HEAD names no commit yet.
  const { gitDir, head } = known?.state ?? (await unbornState(path, baseEnv));
  return { path, gitDir, head, operation: operationInProgress(gitDir), warnings };
}
