/**
 * The incident the fixture article (SOURCE_ARTICLE) reports, as an analyst describes it in a
 * draft: its fields, its two references (the article first) and the article as the source text.
 * The drafts tests and the bench build their drafts from it, so both write the same incident.
 */
import type { IncidentFields, Reference, SourceText } from '../../shared/drafts/model';

/** The incident's fields. */
export const ARTICLE_INCIDENT: IncidentFields = Object.freeze({
  name: 'Kremlin-linked hackers target WhatsApp and Signal accounts of officials and journalists',
  summary: 'A cyber campaign linked to the Kremlin targets the <i>WhatsApp</i> and <i>Signal</i> accounts of European officials and journalists with AI-assisted phishing.',
  type: 'campaign',
  yearStarted: '2025',
  attributedTo: 'Russia',
  foundInCountry: 'Netherlands, Portugal',
  foundVia: 'news',
  dateAdded: '2025-02-20',
  notes: 'Reported by the Dutch MIVD and the Portuguese SIS.',
});

/** The two references, with the draft's ids for them: the article's own (`articleId`), then another report. */
export function articleReferences(articleId: string, otherId: string): Reference[] {
  return [
    { id: articleId, url: 'https://www.example.com/news/russia-linked-cyber-campaign-whatsapp-signal', pubDate: '2025/02/19', authors: 'Staff Reporter', org: 'Example News', archiveUrl: 'https://web.archive.org/web/20250220000000/https://www.example.com/news/russia-linked-cyber-campaign-whatsapp-signal' },
    { id: otherId, url: 'https://www.politico.eu/article/dutch-intelligence-whatsapp-signal-warning/', pubDate: '2025/02/18', authors: 'Politico Europe', org: 'Politico', archiveUrl: 'https://web.archive.org/web/20250219000000/https://www.politico.eu/article/dutch-intelligence-whatsapp-signal-warning/' },
  ];
}

/** The article as the draft's source text (`text`: the article's contents), taken from reference `referenceId`. */
export function articleSource(id: string, referenceId: string, text: string): SourceText {
  return { id, title: 'Russia-Linked Cyber Campaign Targets WhatsApp & Signal Accounts', referenceId, text };
}
