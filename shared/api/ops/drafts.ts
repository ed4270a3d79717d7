/**
 * Operations on incident drafts: the list, one draft, create, update (the autosave), delete,
 * import, re-pasting a source text, ids (allocation and conflicts after a pull) and the master
 * data rows. Drafts are validated against shared/drafts' schemas both ways.
 */
import { z } from 'zod';
import { defineOperation } from '../define';
import { DraftChanges, DraftInput } from '../../drafts/changes';
import { IdConflict } from '../../drafts/id-allocation';
import { Draft, DraftSummary, DraftUuid } from '../../drafts/model';
import { RULE_CODES, type RuleCode } from '../../validation/rules';

/** A validation diagnostic (see shared/validation/types.ts). */
const DiagnosticSchema = z.object({
  code: z.enum(RULE_CODES as [RuleCode, ...RuleCode[]]),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  range: z.object({ field: z.string(), start: z.number().int(), end: z.number().int(), line: z.number().int(), column: z.number().int() }),
  fixes: z.array(
    z.object({
      title: z.string(),
      edits: z.array(z.union([z.object({ field: z.string(), start: z.number().int(), end: z.number().int(), text: z.string() }), z.object({ field: z.string(), remove: z.literal(true) })])).readonly(),
    }),
  ).readonly(),
});

/** One row of a master-data sheet: column name to cell value. */
const MasterRowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const draftsOperations = {
  'drafts.list': defineOperation({
    summary: 'Every draft, most recently changed first (summaries, without source texts).',
    input: z.object({}).strict(),
    output: z.array(DraftSummary),
  }),
  'drafts.get': defineOperation({
    summary: 'One draft, whole.',
    input: z.object({ id: DraftUuid }).strict(),
    output: Draft,
  }),
  'drafts.create': defineOperation({
    summary: 'Creates a draft; anything left out starts empty.',
    input: z.object({ content: DraftInput.optional() }).strict(),
    output: Draft,
  }),
  'drafts.update': defineOperation({
    summary:
      'Saves changes to one draft (the autosave). With expectedRevision, a draft changed elsewhere meanwhile is refused with `conflict` (details.draft holds the current one).',
    input: z.object({ id: DraftUuid, expectedRevision: z.number().int().nonnegative().optional(), changes: DraftChanges }).strict(),
    output: Draft,
  }),
  'drafts.delete': defineOperation({
    summary: 'Deletes a draft.',
    input: z.object({ id: DraftUuid }).strict(),
    output: z.object({}).strict(),
  }),
  'drafts.import': defineOperation({
    summary: 'Adds a draft exported from another machine (any known draft format); an id already present is imported as a copy.',
    input: z.object({ draft: z.unknown() }).strict(),
    output: z.object({ draft: Draft, copied: z.boolean() }),
  }),
  'drafts.replaceSource': defineOperation({
    summary: 'Replaces a source text (edited or re-pasted) and re-anchors the quotes on it; a quote whose words are gone is kept, to review with its candidate places or orphaned, never moved to other words.',
    input: z.object({ id: DraftUuid, sourceId: DraftUuid, text: z.string(), expectedRevision: z.number().int().nonnegative().optional() }).strict(),
    output: z.object({ draft: Draft, anchored: z.array(DraftUuid), needsReview: z.array(DraftUuid), orphaned: z.array(DraftUuid) }),
  }),
  'drafts.allocateIds': defineOperation({
    summary: 'Gives the draft the next free incident id and IT ids (over the open checkout, its history, remote branches and the other drafts).',
    input: z.object({ id: DraftUuid }).strict(),
    output: Draft,
  }),
  'drafts.idConflicts': defineOperation({
    summary: 'Drafts whose ids were taken meanwhile (typically by a pulled branch), each with the next free id to offer.',
    input: z.object({}).strict(),
    output: z.array(IdConflict),
  }),
  'drafts.resolveIdConflict': defineOperation({
    summary: 'Gives a conflicting draft the next free ids for those that were taken.',
    input: z.object({ id: DraftUuid }).strict(),
    output: Draft,
  }),
  'drafts.masterRows': defineOperation({
    summary: 'The rows the maintainers paste into DISARM_DATA_MASTER.xlsx for this draft (sheets incidents, urls, incidenttechniques).',
    input: z.object({ id: DraftUuid }).strict(),
    output: z.object({ incidents: z.array(MasterRowSchema), urls: z.array(MasterRowSchema), incidenttechniques: z.array(MasterRowSchema) }),
  }),
  'drafts.masterRowsFile': defineOperation({
    summary: "The draft's master-data rows as an .xlsx file for the maintainers (sheets incidents, urls, incidenttechniques, formatted as DISARM_DATA_MASTER.xlsx), base64-encoded; a draft without its ids gets them first, over the open checkout.",
    input: z.object({ id: DraftUuid }).strict(),
    output: z.object({ fileName: z.string(), mediaType: z.string(), base64: z.string() }),
  }),
  'drafts.validate': defineOperation({
    summary: 'Every diagnostic of the draft against the open checkout (unknown or retired ids, missing fields, bad URLs and dates...).',
    input: z.object({ id: DraftUuid }).strict(),
    output: z.array(DiagnosticSchema),
  }),
  'drafts.context': defineOperation({
    summary:
      'What live validation needs to know besides the catalog: the techniques earlier versions of the framework had and this one does not (retired, with when and the ids their incidents moved to), the incident ids someone else uses, and the next free one.',
    // Without a draft: the retired techniques only (for page notes, which allocate no id).
    input: z.object({ id: DraftUuid.optional() }).strict(),
    output: z.object({
      retired: z.array(z.object({ id: z.string(), name: z.string(), removedIn: z.object({ commit: z.string(), date: z.string() }), successors: z.array(z.string()).readonly().optional() })),
      takenIncidentIds: z.array(z.string()),
      nextFreeIncidentId: z.string().optional(),
    }),
  }),
  'drafts.apply': defineOperation({
    summary:
      'Writes the draft to the open checkout: its incident page and an entry below the edit line of each technique page it tags. Applying again updates the same entries. Refused (nothing written) while the draft has errors.',
    input: z.object({ id: DraftUuid }).strict(),
    output: z.object({ incidentPage: z.string(), written: z.array(z.string()), unchanged: z.array(z.string()), diagnostics: z.array(DiagnosticSchema) }),
  }),
};
