/**
 * Opening a checkout given by the person at the keyboard: `serve --repo DIR`, a folder on the
 * desktop app's command line, given to a second launch or chosen with File > Open Checkout. It
 * goes through the api's own `repo.open` (electron/git/open.ts), so the same checks apply as when
 * the UI opens one (a git work tree of the DISARM framework whose git settings run no program) and
 * the same things follow (the catalog loads, the recent list remembers it). A refusal is an
 * ApiError with the reason; the open checkout stays as it was.
 */
import { resolve } from 'node:path';
import { operations } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { CallContext, Dispatch } from '../api/dispatch';

/** Opens `folder` (relative to `cwd` if it is not absolute); resolves with the checkout's real path. */
export async function openCheckout(dispatch: Dispatch, folder: string, options: { cwd: string; transport: CallContext['transport'] }): Promise<string> {
  const absolute = resolve(options.cwd, folder);
  const envelope = await dispatch('repo.open', { folder: absolute }, { transport: options.transport });
  if (!envelope.ok) throw ApiError.fromData(envelope.error);
  return operations['repo.open'].output.parse(envelope.result).path;
}
