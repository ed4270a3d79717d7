/** The DISARM page model: parse any object page of any format, render technique and incident pages in the newest. */
export type * from './types';
export { parsePage, parsePageOfKind, pageKindOfPath } from './parse-page';
export { parseTechniquePage, renderTechniquePage } from './technique';
export { parseIncidentPage, renderIncidentPage, renderIncidentGenerated } from './incident';
export { parseTacticPage, parsePhasePage, parseTaskPage, parseCounterPage, parseActorTypePage, parseMetatechniquePage, parsePageSummary, type PageSummary, type SummaryKind } from './other-kinds';
export { renderLinkRow } from './rows';
export { withFileNameCheck } from './warnings';
