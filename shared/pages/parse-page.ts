/**
 * One entry point for any object page: pick the parser by the page's folder, and check that
 * the page's own title agrees with its file name.
 */
import { EDIT_LINE } from '../edit-line';
import { PAGE_FOLDERS, PAGE_KINDS, type PageKind } from '../ids';
import { parseIncidentPage } from './incident';
import { parseActorTypePage, parseCounterPage, parseMetatechniquePage, parsePhasePage, parseTacticPage, parseTaskPage } from './other-kinds';
import { parseTechniquePage } from './technique';
import type { Page, ParseResult } from './types';
import { withFileNameCheck } from './warnings';

const PARSERS: { readonly [K in PageKind]: (text: string, marker?: string) => ParseResult<Extract<Page, { kind: K }>> } = {
  technique: parseTechniquePage,
  incident: parseIncidentPage,
  tactic: parseTacticPage,
  phase: parsePhasePage,
  task: parseTaskPage,
  counter: parseCounterPage,
  actortype: parseActorTypePage,
  metatechnique: parseMetatechniquePage,
};

/** Parses a page of a known kind. */
export function parsePageOfKind(kind: PageKind, text: string, marker: string = EDIT_LINE): ParseResult<Page> {
  return PARSERS[kind](text, marker);
}

/**
 * The kind of page a repository path holds by its folder (`generated_pages/techniques/...md`),
 * including files whose name is not a valid id (`incidents/.md` exists in the history).
 */
export function pageKindOfPath(path: string): PageKind | undefined {
  // The folder decides (pageOfPath would say the same for a valid id, after parsing it).
  const match = /^generated_pages\/([a-z]+)\/[^/]*\.md$/.exec(path);
  return match ? PAGE_KINDS.find((kind) => PAGE_FOLDERS[kind] === match[1]) : undefined;
}

/** Parses the object page at a repository path. Paths outside the page folders are refused. */
export function parsePage(path: string, text: string, marker: string = EDIT_LINE): ParseResult<Page> {
  const kind = pageKindOfPath(path);
  if (!kind) return { ok: false, reason: `${path} is not an object page (generated_pages/<kind>s/<ID>.md)` };
  const result = parsePageOfKind(kind, text, marker);
  return result.ok ? { ok: true, page: withFileNameCheck(path, result.page) } : result;
}
