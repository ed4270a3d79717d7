/** Handlers of shared/api/ops/drafts.ts and shared/api/ops/settings.ts, over the drafts store. */
import { ApiError } from '../../shared/api/errors';
import { replaceSourceText } from '../../shared/drafts/anchoring';
import { draftToMasterRows, NotReadyError } from '../../shared/drafts/master-rows';
import type { Handler } from './dispatch';
import type { Services } from '../services/container';
import { allocateIds, idConflicts, resolveIdConflict } from '../drafts/draft-ids';
import { applyDraftToCheckout } from '../drafts/apply-draft';
import { draftValidationContext, retiredTechniques } from '../drafts/validation-context';
import { validateDraft } from '../../shared/validation';
import { markMissing } from '../services/recent-checkouts';
import { masterRowsToXlsx } from '../drafts/master-data-xlsx';

type DraftOps =
  | 'drafts.list'
  | 'drafts.get'
  | 'drafts.create'
  | 'drafts.update'
  | 'drafts.delete'
  | 'drafts.import'
  | 'drafts.replaceSource'
  | 'drafts.allocateIds'
  | 'drafts.idConflicts'
  | 'drafts.resolveIdConflict'
  | 'drafts.masterRows'
  | 'drafts.masterRowsFile'
  | 'drafts.validate'
  | 'drafts.context'
  | 'drafts.apply';

type SettingsOps = 'settings.get' | 'settings.update' | 'recent.list' | 'recent.remove' | 'store.warnings' | 'store.dismissWarnings';

export function draftsHandlers(services: Services): { [N in DraftOps]: Handler<N> } {
  const { store, workspace, catalog } = services;
  /** A draft's master-data rows, with the edit line from the same read of the store file. */
  const masterRowsOf = async (id: string) => {
    const { draft, settings } = await store.draftInContext(id);
    try {
      return draftToMasterRows(draft, settings.editLine);
    } catch (error) {
      if (error instanceof NotReadyError) throw new ApiError('bad-request', error.message);
      throw error;
    }
  };
  /** The draft with what validating it against the open checkout needs. */
  const prepare = async (id: string) => {
    const checkout = workspace.require();
    const [{ draft, all, settings }, loaded] = await Promise.all([store.draftInContext(id), catalog.current()]);
    const context = await draftValidationContext(checkout, loaded.catalog, draft, all, { marker: settings.editLine });
    return { checkout, draft, lookup: loaded.catalog, context, marker: settings.editLine };
  };
  return {
    'drafts.list': () => store.listDrafts(),
    'drafts.get': ({ id }) => store.getDraft(id),
    'drafts.create': ({ content }) => store.createDraft(content),
    'drafts.update': ({ id, changes, expectedRevision }) => store.updateDraft(id, changes, expectedRevision),
    'drafts.delete': async ({ id }) => {
      await store.deleteDraft(id);
      return {};
    },
    'drafts.import': ({ draft }) => store.importDraft(draft),
    'drafts.replaceSource': async ({ id, sourceId, text, expectedRevision }) => {
      const draft = await store.getDraft(id);
      if (!draft.sources.some((s) => s.id === sourceId)) throw new ApiError('not-found', 'This draft has no such source text.');
      const report = replaceSourceText(draft, sourceId, text);
      const saved = await store.updateDraft(id, { sources: report.draft.sources, annotations: report.draft.annotations }, expectedRevision ?? draft.revision);
      return { draft: saved, anchored: [...report.anchored], needsReview: [...report.needsReview], orphaned: [...report.orphaned] };
    },
    'drafts.allocateIds': ({ id }) => allocateIds(store, workspace.require(), id),
    'drafts.idConflicts': () => idConflicts(store, workspace.require()),
    'drafts.resolveIdConflict': ({ id }) => resolveIdConflict(store, workspace.require(), id),
    'drafts.masterRows': ({ id }) => masterRowsOf(id),
    'drafts.masterRowsFile': async ({ id }) => {
      // As `draft export --format xlsx` does: a draft without its ids gets them first.
      const { draft } = await store.draftInContext(id);
      if (draft.incidentId === undefined || draft.annotations.some((a) => a.linkId === undefined)) await allocateIds(store, workspace.require(), id);
      const rows = await masterRowsOf(id);
      const incidentId = rows.incidents[0]?.disarm_id;
      const bytes = await masterRowsToXlsx(rows);
      return { fileName: `${typeof incidentId === 'string' && incidentId ? incidentId : 'draft'}-master-rows.xlsx`, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: bytes.toString('base64') };
    },
    'drafts.validate': async ({ id }) => {
      const { draft, context } = await prepare(id);
      return validateDraft(draft, context);
    },
    'drafts.context': async ({ id }) => {
      // Without a draft (page notes), only the retired techniques: no ids to weigh.
      const { retired, takenIncidentIds, nextFreeIncidentId } =
        id === undefined ? { retired: await retiredTechniques(workspace.require(), (await catalog.current()).catalog), takenIncidentIds: undefined, nextFreeIncidentId: undefined } : (await prepare(id)).context;
      return {
        retired: [...(retired?.values() ?? [])],
        takenIncidentIds: [...(takenIncidentIds ?? [])].sort(),
        ...(nextFreeIncidentId ? { nextFreeIncidentId } : {}),
      };
    },
    'drafts.apply': async ({ id }) => {
      const { checkout, draft, lookup, context, marker } = await prepare(id);
      // The pages are read, checked against HEAD and written in the checkout's git queue, as
      // pages.saveNotes writes, so that no commit, pull or repair runs in between.
      const report = await services.repository.exclusive(checkout, () => applyDraftToCheckout(checkout, draft, { lookup, context, marker }));
      if (report.written.length > 0) catalog.invalidate();
      return report;
    },
  };
}

export function settingsHandlers(services: Services): { [N in SettingsOps]: Handler<N> } {
  const { store } = services;
  return {
    'settings.get': () => store.getSettings(),
    'settings.update': (patch) => store.updateSettings(patch),
    'recent.list': async () => markMissing(await store.listRecent()),
    'recent.remove': async ({ path }) => markMissing(await store.removeRecent(path)),
    'store.warnings': () => store.warnings(),
    'store.dismissWarnings': () => {
      store.dismissWarnings();
      return {};
    },
  };
}
