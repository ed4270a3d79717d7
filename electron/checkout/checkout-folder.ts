/**
 * What makes a folder a DISARM checkout: a `generated_pages/` folder with object pages in it
 * (techniques at least). The reason for a refusal names what is missing, so the analyst knows
 * whether they picked the wrong folder or a broken checkout.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

export type CheckoutCheck = { readonly ok: true; readonly folder: string } | { readonly ok: false; readonly reason: string };

/** Checks that `folder` holds DISARM framework pages. */
export async function checkDisarmFolder(folder: string): Promise<CheckoutCheck> {
  const info = await stat(folder).catch(() => undefined);
  if (!info) return { ok: false, reason: `${folder} does not exist.` };
  if (!info.isDirectory()) return { ok: false, reason: `${folder} is a file, not a folder.` };
  const pages = await stat(join(folder, 'generated_pages')).catch(() => undefined);
  if (!pages?.isDirectory()) {
    return { ok: false, reason: `${folder} is not a DISARM framework checkout: it has no generated_pages/ folder. Choose the folder of a clone of DISARMframeworks.` };
  }
  const techniques = await stat(join(folder, 'generated_pages', 'techniques')).catch(() => undefined);
  if (!techniques?.isDirectory()) {
    return { ok: false, reason: `${folder} is not a DISARM framework checkout: generated_pages/ has no techniques/ folder.` };
  }
  return { ok: true, folder };
}
