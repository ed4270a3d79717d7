/**
 * Handlers of shared/api/ops/interchange.ts: the CLI's exports (electron/interchange), for the
 * app. The document is returned as text; the renderer turns it into a download, the same way in
 * the browser and in Electron.
 */
import { ApiError } from '../../shared/api/errors';
import type { AppExportFormat, ExportedFile } from '../../shared/api/ops/interchange';
import { incidentFromDraft, type InterchangeIncident } from '../../shared/interchange/incident';
import { InputError, readIncident } from '../interchange/read-inputs';
import { exportHeatMap, exportIncident } from '../interchange/write-export';
import type { Services } from '../services/container';
import type { Handler } from './dispatch';

/** What a tool expects to open: STIX's registered media type, plain JSON for a layer. */
const FILES: Record<AppExportFormat, { suffix: string; mediaType: string }> = {
  stix: { suffix: 'stix.json', mediaType: 'application/stix+json;version=2.1' },
  navigator: { suffix: 'layer.json', mediaType: 'application/json' },
};

/** An unreadable DISARM.json or a missing page is the analyst's to fix: said as a bad request, not an internal error. */
async function asApiError<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof InputError) throw new ApiError(/has no page/.test(error.message) ? 'not-found' : 'bad-request', error.message);
    throw error;
  }
}

/** `I00068`, or the draft's first 8 characters for a draft without an incident id yet. */
function baseName(incident: InterchangeIncident): string {
  return incident.incidentId || `draft-${incident.key.replace(/^draft:/, '').slice(0, 8)}`;
}

function document(json: unknown, name: string, format: AppExportFormat, summary: string[]): ExportedFile {
  return { fileName: `${name}.${FILES[format].suffix}`, mediaType: FILES[format].mediaType, content: `${JSON.stringify(json, null, 2)}\n`, summary };
}

export function interchangeHandlers({ workspace, store, catalog }: Services): { 'interchange.export': Handler<'interchange.export'>; 'interchange.heatmap': Handler<'interchange.heatmap'> } {
  return {
    'interchange.export': ({ source, format }) =>
      asApiError(async () => {
        // DISARM.json comes from the open checkout, for a draft as for a committed page.
        const checkout = workspace.require();
        const incident = 'draftId' in source ? incidentFromDraft(await store.getDraft(source.draftId)) : await readIncident(checkout, source.incidentId);
        const { json, summary } = await exportIncident(incident, format, { checkout });
        return document(json, baseName(incident), format, summary);
      }),
    'interchange.heatmap': () =>
      asApiError(async () => {
        const checkout = workspace.require();
        const layer = await exportHeatMap(checkout, (await catalog.current()).catalog);
        return document(layer, 'disarm-incidents-heatmap', 'navigator', []);
      }),
  };
}
