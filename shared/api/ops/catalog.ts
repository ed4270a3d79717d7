/**
 * Operations on the framework catalog of the open checkout: the library's lists and pages, the
 * autocomplete of the tagger, full-text search over incidents.
 */
import { z } from 'zod';
import { defineOperation } from '../define';
import { PAGE_KINDS, type PageKind } from '../../ids';
import { IdText } from '../schemas';

/** A kind of page (shared/ids' list). */
const PageKindSchema = z.enum(PAGE_KINDS as [PageKind, ...PageKind[]]);

const TechniqueSchema = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  tacticId: z.string(),
  tacticName: z.string(),
  parentId: z.string().optional(),
  subTechniqueIds: z.array(z.string()),
});
export type TechniqueInfo = z.infer<typeof TechniqueSchema>;

const TacticSchema = z.object({ id: z.string(), name: z.string(), summary: z.string(), phaseId: z.string(), techniqueIds: z.array(z.string()) });
export type TacticInfo = z.infer<typeof TacticSchema>;

const SearchResultSchema = z.object({
  kind: PageKindSchema,
  id: z.string(),
  name: z.string(),
  tier: z.enum(['exact-id', 'id-prefix', 'name-prefix', 'fuzzy', 'meaning']),
  /** For the meaning tier: why it matched (`summary: …`, `like I00068: …`). */
  reason: z.string().optional(),
  /** For techniques: the tactic, so the autocomplete can show it. */
  tacticId: z.string().optional(),
  tacticName: z.string().optional(),
});
export type SearchResultInfo = z.infer<typeof SearchResultSchema>;

const ObjectSchema = z.object({ kind: PageKindSchema, id: z.string(), name: z.string(), summary: z.string(), path: z.string() });

export const catalogOperations = {
  'catalog.overview': defineOperation({
    summary: 'What the open checkout holds: counts per kind, tactics, and pages that failed to load or look odd.',
    input: z.object({}).strict(),
    output: z.object({
      folder: z.string(),
      counts: z.record(PageKindSchema, z.number().int()),
      tactics: z.array(TacticSchema),
      failures: z.array(z.object({ file: z.string(), reason: z.string() })),
      warnings: z.array(z.object({ file: z.string(), message: z.string() })),
    }),
  }),
  'catalog.search': defineOperation({
    summary: 'Autocomplete over ids and names: exact id, id prefix, name word prefix, then fuzzy.',
    input: z
      .object({
        query: z.string().max(200),
        kinds: z.array(PageKindSchema).max(PAGE_KINDS.length).optional(),
        tacticId: IdText.optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: z.array(SearchResultSchema),
  }),
  'catalog.techniques': defineOperation({
    summary: 'Every technique of the checkout, in id order (for the grid, the tagger and hovers).',
    input: z.object({}).strict(),
    output: z.array(TechniqueSchema),
  }),
  'catalog.object': defineOperation({
    summary: 'One object by id: its kind, name, summary and page path; for techniques also the incidents that used it.',
    input: z.object({ id: IdText }).strict(),
    output: z.object({
      object: ObjectSchema,
      technique: TechniqueSchema.optional(),
      uses: z.array(z.object({ incidentId: z.string(), incidentName: z.string(), description: z.string() })),
    }),
  }),
  'catalog.incidentText': defineOperation({
    summary: 'Full-text search over incident names, summaries and technique descriptions.',
    input: z.object({ query: z.string().min(1).max(500), limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: z.array(z.object({ id: z.string(), name: z.string(), score: z.number(), excerpt: z.string() })),
  }),
  'catalog.reload': defineOperation({
    summary: 'Reads the checkout from disk again (after changes made outside the app).',
    input: z.object({}).strict(),
    output: z.object({ pages: z.number().int() }),
  }),
};
