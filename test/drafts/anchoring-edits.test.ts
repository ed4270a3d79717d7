/**
 * The anchoring edit set: realistic edits of a source after its quotes were tagged, and what must
 * become of each quote. A quote whose own words are still in the source stays anchored to them; a
 * quote whose words changed needs review, its true place offered first; a quote whose words are
 * gone is never attached to other words (above all not to a similar paragraph that says something
 * else). CANDIDATE_MIN_SCORE (shared/drafts/anchoring.ts) was chosen on the scores printed here.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CANDIDATE_MIN_SCORE, describeQuote, reanchor } from '../../shared/drafts/anchoring';
import type { QuoteAnchor } from '../../shared/drafts/model';
import { SOURCE_ARTICLE } from '../helpers/fixtures';

const article = readFileSync(SOURCE_ARTICLE, 'utf8');

const QUOTE = 'The SIS noted that attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff or trusted contacts';
const SECOND = 'The ability to clone voices and create deepfake images allows them to convincingly impersonate trusted individuals';

/** Two similar paragraphs: the case where a quote was once silently moved to the wrong team. */
const TEAMS = [
  'Team Alpha reported on 3 March that 41 accounts of officials were taken over through fake support chats on Signal.',
  'Team Beta reported on 9 April that 17 accounts of journalists were taken over through fake support chats on WhatsApp.',
].join('\n\n');
const ALPHA = 'Team Alpha reported on 3 March that 41 accounts of officials were taken over through fake support chats on Signal.';

/** What must become of the quote: anchored to its own words, to review with its place first, or not attached. */
type Expected = { readonly anchored: string } | { readonly review: string } | 'not-attached';

interface Edit {
  readonly name: string;
  readonly source: string;
  readonly quote: string;
  readonly edit: (text: string) => string;
  readonly expected: Expected;
}

const EDITS: readonly Edit[] = [
  { name: 'text inserted before the quote', source: article, quote: QUOTE, edit: (t) => `Editor's note: updated on Friday.\n\n${t}`, expected: { anchored: QUOTE } },
  { name: 'lines re-flowed at 72 columns', source: article, quote: QUOTE, edit: (t) => t.replace(/(.{1,72})(\s|$)/g, '$1\n'), expected: { anchored: QUOTE } },
  { name: 'Windows line endings', source: article, quote: SECOND, edit: (t) => t.replace(/\n/g, '\r\n'), expected: { anchored: SECOND } },
  { name: 'quote marks curled', source: article, quote: QUOTE, edit: (t) => t.replace(/'/g, '’'), expected: { anchored: QUOTE } },
  { name: 'a paragraph before the quote removed', source: article, quote: SECOND, edit: (t) => t.replace(/The coordinated effort underscores[^\n]*\n\n/, ''), expected: { anchored: SECOND } },
  { name: 'a typo fixed inside the quote', source: article.replace('utilizing', 'utilzing'), quote: QUOTE.replace('utilizing', 'utilzing'), edit: (t) => t.replace('utilzing', 'utilizing'), expected: { review: QUOTE } },
  { name: 'a word changed inside the quote', source: article, quote: QUOTE, edit: (t) => t.replace('utilizing artificial intelligence', 'using AI'), expected: { review: QUOTE.replace('utilizing artificial intelligence', 'using AI') } },
  { name: 'a clause cut from the quote', source: article, quote: SECOND, edit: (t) => t.replace(SECOND, SECOND.replace('clone voices and create deepfake images', 'clone voices')), expected: { review: SECOND.replace('clone voices and create deepfake images', 'clone voices') } },
  { name: 'a word added inside the quote', source: article, quote: SECOND, edit: (t) => t.replace(SECOND, SECOND.replace('convincingly impersonate', 'very convincingly impersonate')), expected: { review: SECOND.replace('convincingly impersonate', 'very convincingly impersonate') } },
  { name: "the quote's paragraph removed, a similar one kept", source: TEAMS, quote: ALPHA, edit: (t) => t.slice(t.indexOf('Team Beta')), expected: 'not-attached' },
  { name: "the quote's sentence rewritten", source: article, quote: QUOTE, edit: (t) => t.replace(/The SIS noted[^.]*\./, 'Officials said little else about the methods.'), expected: 'not-attached' },
  { name: 'the whole text replaced by another article', source: article, quote: SECOND, edit: () => TEAMS, expected: 'not-attached' },
];

function anchorIn(source: string, quote: string): QuoteAnchor {
  const start = source.indexOf(quote);
  expect(start, `edit-set quote not in its source: ${quote}`).toBeGreaterThanOrEqual(0);
  return describeQuote(randomUUID(), source, start, start + quote.length);
}

const normalize = (s: string) => s.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").trim();

describe('the anchoring edit set', () => {
  const outcomes: string[] = [];

  it.each(EDITS)('$name', ({ source, quote, edit, expected }) => {
    const edited = edit(source);
    const anchor = reanchor(anchorIn(source, quote), edited);
    outcomes.push(`${anchor.state}${anchor.candidates ? ` (best ${anchor.candidates[0]?.score})` : ''}`);
    if (expected === 'not-attached') {
      expect(anchor.state).not.toBe('anchored');
      // A similar place may be offered for review, but never above the threshold with other words.
      for (const c of anchor.candidates ?? []) expect(c.score).toBeGreaterThanOrEqual(CANDIDATE_MIN_SCORE);
      expect(anchor.state, `offered ${JSON.stringify(anchor.candidates?.map((c) => c.text))}`).toBe('orphaned');
    } else if ('anchored' in expected) {
      expect(anchor.state).toBe('anchored');
      expect(normalize(edited.slice(anchor.position?.start, anchor.position?.end))).toBe(normalize(expected.anchored));
    } else {
      expect(anchor.state).toBe('needs-review');
      expect(anchor.position).toBeUndefined();
      expect(normalize(anchor.candidates?.[0]?.text ?? '')).toBe(normalize(expected.review));
    }
  });

  it('sums up: 5 anchored to their own words, 4 to review, 3 not attached, none moved to other words', () => {
    expect(outcomes).toHaveLength(EDITS.length);
    console.log(`anchoring edit set: ${outcomes.map((o, i) => `${EDITS[i]?.name}: ${o}`).join('; ')}`);
    expect(outcomes.filter((o) => o === 'anchored')).toHaveLength(5);
    expect(outcomes.filter((o) => o.startsWith('needs-review'))).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'orphaned')).toHaveLength(3);
  });
});
