/** Handlers of shared/api/ops/catalog.ts, over the CatalogService. */
import { ApiError } from '../../shared/api/errors';
import { pagePath } from '../../shared/ids';
import type { Handler } from './dispatch';
import type { Services } from '../services/container';

type CatalogHandlers = {
  'catalog.overview': Handler<'catalog.overview'>;
  'catalog.search': Handler<'catalog.search'>;
  'catalog.techniques': Handler<'catalog.techniques'>;
  'catalog.object': Handler<'catalog.object'>;
  'catalog.incidentText': Handler<'catalog.incidentText'>;
  'catalog.reload': Handler<'catalog.reload'>;
};

export function catalogHandlers({ catalog }: Services): CatalogHandlers {
  return {
    'catalog.overview': async () => {
      const loaded = await catalog.current();
      return { folder: loaded.folder, counts: loaded.catalog.counts(), tactics: loaded.catalog.tactics().map((t) => ({ ...t, techniqueIds: [...t.techniqueIds] })), failures: [...loaded.failures], warnings: [...loaded.warnings] };
    },
    'catalog.search': async ({ query, kinds, tacticId, limit }) => {
      const loaded = await catalog.current();
      return loaded.catalog.search(query, { kinds, tacticId, limit }).map((result) => {
        const technique = result.kind === 'technique' ? loaded.catalog.technique(result.id) : undefined;
        return technique ? { ...result, tacticId: technique.tacticId, tacticName: technique.tacticName } : result;
      });
    },
    'catalog.techniques': async () => {
      const loaded = await catalog.current();
      return loaded.catalog.techniques().map((t) => ({ ...t, subTechniqueIds: [...t.subTechniqueIds] }));
    },
    'catalog.object': async ({ id }) => {
      const loaded = await catalog.current();
      const object = loaded.catalog.object(id);
      if (!object) throw new ApiError('not-found', `${id} is not in this checkout of the framework.`);
      const technique = loaded.catalog.technique(id);
      return {
        object: { ...object, path: pagePath(id) },
        technique: technique ? { ...technique, subTechniqueIds: [...technique.subTechniqueIds] } : undefined,
        uses: loaded.catalog.usesOf(id).map(({ incidentId, incidentName, description }) => ({ incidentId, incidentName, description })),
      };
    },
    'catalog.incidentText': async ({ query, limit }) => (await catalog.current()).catalog.searchIncidentText(query, limit),
    'catalog.reload': async () => {
      catalog.invalidate();
      const loaded = await catalog.current();
      return { pages: loaded.catalog.pageCount() };
    },
  };
}
