/**
 * Tactic, phase, task, counter, actor type and metatechnique pages. The workbench reads them (for
 * the library, the grid and links) but never writes them, so one tolerant reader serves every
 * historical format and keeps what the catalog and the library need.
 */
import { EDIT_LINE, splitAtEditLine } from '../edit-line';
import type { PageKind } from '../ids';
import type { ScannedPage, ScannedTable } from './scan';
import { scannedBase, scannedLinkRows, scanPageOfKind } from './scanned-page';
import type { ActorTypePage, CounterPage, CounterRow, MetatechniquePage, ObjectLink, PageBase, ParseResult, PhasePage, TacticPage, TaskPage } from './types';

type OtherKind = Exclude<PageKind, 'technique' | 'incident'>;

function readBase(text: string, kind: OtherKind, marker: string, fieldsOnly = false): { base: PageBase; scanned: ScannedPage } | { reason: string } {
  const split = splitAtEditLine(text, marker);
  const scanned = scanPageOfKind(kind, split, { fieldsOnly });
  if ('reason' in scanned) return scanned;
  return { base: scannedBase(kind, split, scanned), scanned };
}

function table(scanned: ScannedPage, header: RegExp): ScannedTable | undefined {
  return scanned.tables.find((t) => header.test(t.header[0] ?? ''));
}

function links(scanned: ScannedPage, header: RegExp): ObjectLink[] {
  return scannedLinkRows(table(scanned, header)?.rows ?? []).map((row) => row.link);
}

function counterRows(scanned: ScannedPage): CounterRow[] {
  return scannedLinkRows(table(scanned, /^counters$/i)?.rows ?? []).map(({ link, rest }) => ({ counter: link, responseTypes: rest }));
}

/** The id at the start of a field value: `TA01`, `M004 - Friction` -> `M004`. */
function leadingId(value: string | undefined): string {
  return /^[A-Z]{1,2}\d[\d.]*/.exec((value ?? '').trim())?.[0] ?? '';
}

export function parseTacticPage(text: string, marker: string = EDIT_LINE): ParseResult<TacticPage> {
  const read = readBase(text, 'tactic', marker);
  if ('reason' in read) return { ok: false, reason: read.reason };
  const { base, scanned } = read;
  return { ok: true, page: { ...base, kind: 'tactic', phaseId: leadingId(scanned.fields.get('belongs to phase')), tasks: links(scanned, /^tasks$/i), techniques: links(scanned, /^techniques$/i), counters: counterRows(scanned) } };
}

export function parsePhasePage(text: string, marker: string = EDIT_LINE): ParseResult<PhasePage> {
  const read = readBase(text, 'phase', marker);
  if ('reason' in read) return { ok: false, reason: read.reason };
  return { ok: true, page: { ...read.base, kind: 'phase' } };
}

export function parseTaskPage(text: string, marker: string = EDIT_LINE): ParseResult<TaskPage> {
  const read = readBase(text, 'task', marker);
  if ('reason' in read) return { ok: false, reason: read.reason };
  return { ok: true, page: { ...read.base, kind: 'task', tacticId: leadingId(read.scanned.fields.get('belongs to tactic stage')) } };
}

export function parseCounterPage(text: string, marker: string = EDIT_LINE): ParseResult<CounterPage> {
  const read = readBase(text, 'counter', marker);
  if ('reason' in read) return { ok: false, reason: read.reason };
  const { base, scanned } = read;
  return {
    ok: true,
    page: {
      ...base,
      kind: 'counter',
      tacticId: leadingId(scanned.fields.get('belongs to tactic stage')),
      metatechnique: scanned.fields.get('metatechnique') ?? '',
      playbooks: scanned.fields.get('playbooks') ?? '',
      resourcesNeeded: scanned.fields.get('resources needed') ?? '',
      actorTypes: links(scanned, /^actor types$/i),
      techniques: links(scanned, /^counters these techniques$/i),
      incidents: links(scanned, /^seen in incidents$/i),
    },
  };
}

export function parseActorTypePage(text: string, marker: string = EDIT_LINE): ParseResult<ActorTypePage> {
  const read = readBase(text, 'actortype', marker);
  if ('reason' in read) return { ok: false, reason: read.reason };
  const { base, scanned } = read;
  return { ok: true, page: { ...base, kind: 'actortype', sectors: scanned.fields.get('sector') ?? '', viewpoint: scanned.fields.get('viewpoint') ?? '', counters: counterRows(scanned) } };
}

export function parseMetatechniquePage(text: string, marker: string = EDIT_LINE): ParseResult<MetatechniquePage> {
  const read = readBase(text, 'metatechnique', marker);
  if ('reason' in read) return { ok: false, reason: read.reason };
  return { ok: true, page: { ...read.base, kind: 'metatechnique', counters: counterRows(read.scanned) } };
}

/** Kinds the catalog knows by summary only (their tables are read when their page is opened). */
export type SummaryKind = Exclude<OtherKind, 'tactic'>;

/** What the catalog keeps of a page it knows by summary: its base fields and the tactic of a task. */
export interface PageSummary extends PageBase {
  readonly kind: SummaryKind;
  /** `Belongs to tactic stage` of tasks and counters, else ''. */
  readonly tacticId: string;
}

/**
 * Reads a counter, task, phase, actor type or metatechnique page up to its first table: as
 * strict about the title as the full parser (so a broken page fails the same way), but without
 * the tables, which loading a whole checkout does not need.
 */
export function parsePageSummary(kind: SummaryKind, text: string, marker: string = EDIT_LINE): ParseResult<PageSummary> {
  const read = readBase(text, kind, marker, true);
  if ('reason' in read) return { ok: false, reason: read.reason };
  return { ok: true, page: { ...read.base, kind, tacticId: leadingId(read.scanned.fields.get('belongs to tactic stage')) } };
}
