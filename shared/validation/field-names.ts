/**
 * A draft field's dotted path (`annotations.1.explanation`) in the words an analyst reads on the
 * screen ("quote 2's explanation"): messages that leave the form (applying refused, the CLI) must
 * say which field to mend without making the analyst count from zero.
 */

const INCIDENT: Record<string, string> = {
  name: 'the incident’s name',
  summary: 'the incident’s summary',
  type: 'the incident type',
  yearStarted: 'the year started',
  attributedTo: 'the country it is attributed to',
  foundInCountry: 'the country it was found in',
  foundVia: 'how it was found (found via)',
  dateAdded: 'the date added',
  notes: 'the incident’s notes',
};

const REFERENCE: Record<string, string> = { url: 'URL', pubDate: 'publication date', authors: 'authors', org: 'organisation', archiveUrl: 'archive link' };

const SOURCE: Record<string, string> = { title: 'title', text: 'text' };

const SELECTOR: Record<string, string> = { exact: 'the quoted text', prefix: 'the text before it', suffix: 'the text after it' };

/** The words for `path`; a path it does not know comes back as it is (never wrong, only less friendly). */
export function describeField(path: string): string {
  const parts = path.split('.');
  const [list, index, name, ...rest] = parts;
  const nth = Number(index) + 1;
  if (path === 'incidentId') return 'the incident id';
  if (list === 'incident' && parts.length === 2 && index !== undefined && Object.hasOwn(INCIDENT, index)) return INCIDENT[index] as string;
  if (!Number.isInteger(nth) || nth < 1 || name === undefined) return path;
  if (list === 'references' && rest.length === 0 && Object.hasOwn(REFERENCE, name)) return `reference ${nth}’s ${REFERENCE[name]}`;
  if (list === 'sources' && rest.length === 0 && Object.hasOwn(SOURCE, name)) return `source text ${nth}’s ${SOURCE[name]}`;
  if (list === 'annotations') {
    if (rest.length === 0 && (name === 'quote' || name === 'explanation')) return `quote ${nth}’s ${name === 'quote' ? 'quoted text' : 'explanation'}`;
    if (name === 'techniqueIds' && rest.length === 1 && /^\d+$/.test(rest[0] as string)) return `quote ${nth}’s technique ${Number(rest[0]) + 1}`;
    if (name === 'anchor' && rest[0] === 'quote' && rest.length === 2 && Object.hasOwn(SELECTOR, rest[1] as string)) return `quote ${nth}’s place in its source (${SELECTOR[rest[1] as string]})`;
  }
  return path;
}
