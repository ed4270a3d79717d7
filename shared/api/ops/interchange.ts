/**
 * Interchange: one incident (a draft or a committed page) as a document for another tool, and
 * the heat map over every incident of the checkout. The document comes back as text for the UI to
 * hand to the analyst as a download; what the export had to leave out comes with it, in words.
 */
import { z } from 'zod';
import { defineOperation } from '../define';
import { DraftUuid } from '../../drafts/model';

/**
 * The formats the app exports. A MISP event needs the MISP galaxy's techniques cluster, a file a
 * checkout does not hold: the CLI takes it as --galaxy FILE, the app leaves MISP to the CLI.
 */
export const AppExportFormat = z.enum(['stix', 'navigator'], {
  error: (issue) =>
    issue.input === 'misp'
      ? "a MISP event needs the MISP galaxy's clusters/disarm-techniques.json, which a checkout does not hold: run `disarm-workbench export --repo DIR --incident ID --format misp --galaxy FILE` (or `draft export --id DRAFT ...`)"
      : 'format must be stix or navigator',
});
export type AppExportFormat = z.infer<typeof AppExportFormat>;

const IncidentId = z.string().regex(/^I\d{5}$/, 'not an incident id (I + 5 digits, e.g. I00068)');

/** A draft of the store, or a committed incident page of the open checkout. */
const ExportSource = z.union([z.object({ draftId: DraftUuid }).strict(), z.object({ incidentId: IncidentId }).strict()], { error: 'source must be { draftId } or { incidentId }' });

/** A document to save: the name to offer, its media type, its text, and what it left out. */
const ExportedFile = z.object({
  fileName: z.string(),
  mediaType: z.string(),
  content: z.string(),
  /** One line per thing left out or written plainly (techniques missing from DISARM.json...); empty when nothing was. */
  summary: z.array(z.string()),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

export const interchangeOperations = {
  'interchange.export': defineOperation({
    summary: 'One incident, a draft or a committed page, as a STIX 2.1 bundle or a DISARM Navigator layer, with what the export left out.',
    input: z.object({ source: ExportSource, format: AppExportFormat }).strict(),
    output: ExportedFile,
  }),
  'interchange.heatmap': defineOperation({
    summary: 'A DISARM Navigator heat map over every incident of the open checkout (score: incidents per technique).',
    input: z.object({}).strict(),
    output: ExportedFile,
  }),
};
