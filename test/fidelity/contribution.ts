/**
 * A contribution as the fidelity tests make it: a draft from the fixture article with everything
 * that could come out of the maintainers' generator differently (a technique tagged on several
 * quotes, `|`, `<i>`, line breaks, curly quotes, non-ASCII names, several references), applied
 * through the api to a clone, and its master-data rows exported as `draft export --format xlsx`
 * writes them and pasted into the upstream layout's master as a maintainer would.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { masterRowsToXlsx } from '../../electron/drafts/master-data-xlsx';
import { describeQuote } from '../../shared/drafts/anchoring';
import type { MasterRows } from '../../shared/drafts/master-rows';
import type { Draft } from '../../shared/drafts/model';
import { ARTICLE_INCIDENT, articleSource } from '../helpers/article-incident';
import type { TestBackEnd } from '../helpers/api-over-clone';
import { SOURCE_ARTICLE } from '../helpers/fixtures';
import type { UpstreamLayout } from './generator';

const article = readFileSync(SOURCE_ARTICLE, 'utf8');
/** How a maintainer pastes the rows (openpyxl). */
const PASTE_SCRIPT = fileURLToPath(new URL('paste_master_rows.py', import.meta.url));

/** A stretch of the article from `from` to the end of `to` (both must occur, in that order). */
function span(from: string, to: string): string {
  const start = article.indexOf(from);
  const end = article.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`The article has no "${from}" … "${to}"`);
  return article.slice(start, end + to.length);
}

/** The quotes: technique T0143.003 on three, T0151.004 and T0155.007 on two each. */
const QUOTES = [
  {
    quote: span('Portugal’s Security Information Service', 'user accounts.'),
    techniqueIds: ['T0143.003', 'T0097.100'],
    explanation: 'Attackers posed as <i>support staff</i> | trusted contacts (T0143.003: Impersonated Persona, T0097.100: Individual Persona).',
  },
  {
    // Spans a heading: the quote holds line breaks.
    quote: span('AI-Powered Phishing and Sophisticated Impersonation', 'The increasing sophistication of these attacks'),
    techniqueIds: ['T0151.004', 'T0143.003'],
    explanation: 'The SIS called it “AI-powered”.\nA second paragraph, after a line break (T0151.004: Chat Platform).',
  },
  {
    quote: span('The Dutch Military Intelligence', 'despite their encryption.'),
    techniqueIds: ['T0155.007', 'T0151.004'],
    explanation: 'Chat platforms with encryption (T0155.007: Encrypted Communication Channel, T0151.004: Chat Platform) — per the MIVD’s Vice Admiral.',
  },
  {
    quote: span('Both Signal and WhatsApp have acknowledged', 'malicious activity'),
    techniqueIds: ['T0150.005'],
    explanation: 'Accounts were compromised (T0150.005: Compromised Asset).',
  },
  {
    quote: span('WhatsApp has issued similar guidance', 'secure their accounts.'),
    techniqueIds: ['T0143.003', 'T0155.007'],
    explanation: 'Codes phished by impersonators | “support” (T0143.003: Impersonated Persona, T0155.007: Encrypted Communication Channel).',
  },
];

/** The techniques the draft tags, in id order. */
export const CONTRIBUTION_TECHNIQUES = ['T0097.100', 'T0143.003', 'T0150.005', 'T0151.004', 'T0155.007'];

/** The draft's content (without ids): what drafts.create receives. */
function draftContent() {
  const sourceId = randomUUID();
  const referenceId = randomUUID();
  return {
    incident: { ...ARTICLE_INCIDENT, name: 'Kremlin-linked hackers target “secure” messengers of officials in Portugal and the Netherlands — São Paulo, Zürich, Łódź', notes: 'Reported by the Dutch MIVD and the Portuguese SIS.\nSecond line of the analyst’s note.' },
    references: [
      { id: referenceId, url: 'https://www.example.com/news/russia-linked-cyber-campaign-whatsapp-signal', pubDate: '2025/02/19', authors: 'José Ñúñez, Zoë Brontë', org: 'Público', archiveUrl: 'https://web.archive.org/web/20250220000000/https://www.example.com/news/russia-linked-cyber-campaign-whatsapp-signal' },
      { id: randomUUID(), url: 'https://www.politico.eu/article/dutch-intelligence-whatsapp-signal-warning/', pubDate: '2025/02/18', authors: 'Politico Europe', org: 'Politico', archiveUrl: '' },
      { id: randomUUID(), url: 'https://example.org/sis-relatorio', pubDate: '2025/02/17', authors: 'Serviço de Informações de Segurança', org: 'SIS', archiveUrl: '' },
    ],
    sources: [articleSource(sourceId, referenceId, article)],
    annotations: QUOTES.map((q) => {
      const start = article.indexOf(q.quote);
      return { id: randomUUID(), quote: q.quote, techniqueIds: q.techniqueIds, explanation: q.explanation, review: 'accepted' as const, anchor: describeQuote(sourceId, article, start, start + q.quote.length) };
    }),
  };
}

/** Runs one api call, throwing on an error envelope. */
export async function call<T>(backEnd: TestBackEnd, operation: string, args: unknown): Promise<T> {
  const envelope = await backEnd.dispatch(operation, args);
  if (!envelope.ok) throw new Error(`${operation}: ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result as T;
}

/** Creates the draft, gives it ids and applies it to the open checkout; returns the draft and the files written. */
export async function applyContribution(backEnd: TestBackEnd): Promise<{ draft: Draft; written: string[] }> {
  const created = await call<Draft>(backEnd, 'drafts.create', { content: draftContent() });
  const draft = await call<Draft>(backEnd, 'drafts.allocateIds', { id: created.id });
  const report = await call<{ written: string[]; diagnostics: { severity: string; code: string }[] }>(backEnd, 'drafts.apply', { id: draft.id });
  return { draft, written: report.written };
}

/** The draft's rows exported as the xlsx `draft export` writes, pasted into the layout's master (Python, openpyxl). */
export async function pasteIntoMaster(backEnd: TestBackEnd, draftId: string, layout: UpstreamLayout, python: string): Promise<Pasted> {
  const rows = await call<MasterRows>(backEnd, 'drafts.masterRows', { id: draftId });
  const exported = join(layout.root, 'export.xlsx');
  writeFileSync(exported, await masterRowsToXlsx(rows));
  const out = execFileSync(python, [PASTE_SCRIPT, exported, join(layout.masterData, 'DISARM_DATA_MASTER.xlsx')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out) as Pasted;
}

/** What the paste wrote into the master: each sheet's rows (header to value), and the first row number written. */
export interface Pasted {
  readonly rows: Readonly<Record<string, number>>;
  readonly incidents: readonly Readonly<Record<string, unknown>>[];
  readonly urls: readonly Readonly<Record<string, unknown>>[];
  readonly incidenttechniques: readonly Readonly<Record<string, unknown>>[];
}
