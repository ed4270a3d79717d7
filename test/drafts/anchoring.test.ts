import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeQuote, findQuote, locateQuote, normalizeForMatching, normalizeSourceText, reanchor, replaceSourceText } from '../../shared/drafts/anchoring';
import { newDraft } from '../../shared/drafts/changes';
import { SOURCE_ARTICLE } from '../helpers/fixtures';

const article = readFileSync(SOURCE_ARTICLE, 'utf8');
const SOURCE_ID = randomUUID();

function anchorOf(quote: string) {
  const start = article.indexOf(quote);
  expect(start, `fixture quote not found: ${quote}`).toBeGreaterThanOrEqual(0);
  return describeQuote(SOURCE_ID, article, start, start + quote.length);
}

const QUOTE = 'The SIS noted that attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff or trusted contacts';

describe('normalizeForMatching', () => {
  it('folds whitespace runs and curly quote marks and maps back to original offsets', () => {
    const norm = normalizeForMatching('a \n\t “b’  c');
    expect(norm.text).toBe('a "b\' c');
    expect(norm.starts).toEqual([0, 1, 5, 6, 7, 8, 10]);
    expect(norm.ends).toEqual([1, 5, 6, 7, 8, 10, 11]);
  });

  it('maps every character of normalizeSourceText (what validation matches against) to the original run it stands for', () => {
    // Whitespace of every kind \s knows, every folded quote mark, and plain characters.
    const chars = fc.constantFrom(' ', '\n', '\t', '\r', '\u00a0', '\u2028', '\ufeff', '“', '”', '„', '«', '″', '‘', '’', '′', '"', "'", 'a', 'Z', '.', '😀', '\u0000', '\u0007', '\u007f', '\u000b');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((cs) => cs.join('')), (original) => {
        const norm = normalizeForMatching(original);
        expect(norm.text).toBe(normalizeSourceText(original));
        expect(norm.starts).toHaveLength(norm.text.length);
        expect(norm.ends).toHaveLength(norm.text.length);
        norm.starts.forEach((start, i) => {
          expect(normalizeSourceText(original.slice(start, norm.ends[i]))).toBe(norm.text[i]);
          expect(start).toBe(i === 0 ? 0 : norm.ends[i - 1]);
        });
        expect(norm.ends.at(-1) ?? 0).toBe(norm.text === '' ? 0 : original.length);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('describeQuote', () => {
  it('keeps the exact text, 32 characters of context either side and the position', () => {
    const anchor = anchorOf(QUOTE);
    const start = article.indexOf(QUOTE);
    expect(anchor.quote.exact).toBe(QUOTE);
    expect(anchor.quote.prefix).toBe(article.slice(start - 32, start));
    expect(anchor.quote.suffix).toBe(article.slice(start + QUOTE.length, start + QUOTE.length + 32));
    expect(anchor.position).toEqual({ type: 'TextPositionSelector', start, end: start + QUOTE.length });
    expect(anchor.state).toBe('anchored');
  });
});

describe('locateQuote', () => {
  it('finds the quote at its position when the text is unchanged', () => {
    const anchor = anchorOf(QUOTE);
    const found = locateQuote(article, anchor.quote, anchor.position);
    expect(found).toMatchObject({ state: 'anchored', method: 'position', start: anchor.position?.start, end: anchor.position?.end });
  });

  it('follows the quote when text is inserted before it', () => {
    const anchor = anchorOf(QUOTE);
    const edited = 'EDITOR’S NOTE: this article was updated.\n\n' + article;
    const found = locateQuote(edited, anchor.quote, anchor.position);
    expect(found.state).toBe('anchored');
    if (found.state !== 'anchored') return;
    expect(found.method).toBe('exact');
    expect(edited.slice(found.start, found.end)).toBe(QUOTE);
  });

  it('ignores re-wrapped lines and straightened quote marks in a re-pasted text', () => {
    const quote = 'While the messaging platforms themselves haven’t been breached, the vulnerability lies in exploiting user behavior';
    const anchor = anchorOf(quote);
    const repasted = article.replace(/’/g, "'").replace(/ (the|user) /g, '\n$1  ');
    const found = locateQuote(repasted, anchor.quote, anchor.position);
    expect(found.state).toBe('anchored');
    if (found.state !== 'anchored') return;
    expect(found.method).toBe('exact');
    const got = repasted.slice(found.start, found.end);
    expect(got.replace(/\s+/g, ' ')).toBe(quote.replace(/’/g, "'"));
  });

  it('uses the context to choose between two verbatim occurrences', () => {
    const lisbon = 'In Lisbon, the intelligence service said that the accounts were taken over. ';
    const hague = 'In The Hague, the defence ministry said that the accounts were taken over. ';
    const text = lisbon + hague;
    const at = text.lastIndexOf('the accounts were taken over');
    const anchor = describeQuote(SOURCE_ID, text, at, at + 'the accounts were taken over'.length);
    // The paragraphs swap places: the old position now points elsewhere and both occurrences are
    // verbatim; the one after "the defence ministry said that " is the annotated one.
    const edited = hague + 'Officials declined to comment. ' + lisbon;
    const found = locateQuote(edited, anchor.quote, anchor.position);
    expect(found.state).toBe('anchored');
    if (found.state !== 'anchored') return;
    expect(found.start).toBe(edited.indexOf('the accounts were taken over'));
    expect(found.method).toBe('exact');
  });

  it('does not move a quote whose words were corrected: it needs review, the corrected place its first candidate', () => {
    const anchor = anchorOf(QUOTE);
    const edited = article.replace('increasingly utilizing artificial intelligence', 'increasingly using artificial intelligence (AI)');
    const found = locateQuote(edited, anchor.quote, anchor.position);
    expect(found.state).toBe('needs-review');
    if (found.state !== 'needs-review') return;
    const [first] = found.candidates;
    expect(edited.slice(first?.start, first?.end)).toContain('using artificial intelligence (AI) to convincingly impersonate');
  });

  it('orphans a quote that is no longer in the text', () => {
    const anchor = anchorOf(QUOTE);
    const edited = article.replace(/The SIS noted[^.]*\./, 'Something else entirely was said here.');
    expect(locateQuote(edited, anchor.quote, anchor.position)).toEqual({ state: 'orphaned' });
  });
});

describe('reanchor and replaceSourceText', () => {
  it('keeps an orphaned annotation, and anchors it again when the text comes back', () => {
    const anchor = anchorOf(QUOTE);
    const draft = newDraft(randomUUID(), new Date().toISOString(), {
      sources: [{ id: SOURCE_ID, title: 'article', text: article }],
      annotations: [
        { id: randomUUID(), quote: QUOTE, techniqueIds: ['T0143.003'], explanation: 'x', anchor, review: 'draft' },
        { id: randomUUID(), quote: 'Portugal’s Security Information Service (SIS)', techniqueIds: ['T0097.100'], explanation: 'y', anchor: anchorOf('Portugal’s Security Information Service (SIS)'), review: 'draft' },
      ],
    });
    const truncated = article.slice(0, article.indexOf('The SIS noted'));
    const report = replaceSourceText(draft, SOURCE_ID, truncated);
    expect(report.orphaned).toEqual([draft.annotations[0]?.id]);
    expect(report.anchored).toEqual([draft.annotations[1]?.id]);
    expect(report.draft.annotations).toHaveLength(2);
    const lost = report.draft.annotations[0];
    expect(lost?.anchor).toEqual({ sourceId: SOURCE_ID, quote: anchor.quote, state: 'orphaned' });
    expect(lost?.quote).toBe(QUOTE);

    const back = replaceSourceText(report.draft, SOURCE_ID, article);
    expect(back.orphaned).toEqual([]);
    expect(back.draft.annotations[0]?.anchor?.position).toEqual(anchor.position);
  });

  it('re-anchors every quote of a source as reanchor does alone (one normalisation of the new text serves them all)', () => {
    const quotes = Array.from({ length: 30 }, (_, i) => {
      const start = Math.floor((i * (article.length - 80)) / 30);
      return { id: randomUUID(), quote: article.slice(start, start + 60), techniqueIds: [], explanation: '', review: 'draft' as const, anchor: describeQuote(SOURCE_ID, article, start, start + 60) };
    });
    const draft = newDraft(randomUUID(), new Date().toISOString(), { sources: [{ id: SOURCE_ID, title: 'article', text: article }], annotations: quotes });
    // Moved, re-wrapped and partly re-worded: every path of locateQuote is taken by some quote.
    const edited = 'Updated:\n\n' + article.replace(/ the /g, '\nthe  ').replace(/ and /g, ' & ');
    const report = replaceSourceText(draft, SOURCE_ID, edited);
    expect(report.draft.annotations.map((a) => a.anchor)).toEqual(quotes.map((q) => reanchor(q.anchor, edited)));
    expect(report.anchored.length).toBeGreaterThan(0);
  });

  it('refreshes the selector to the text as it now is', () => {
    const anchor = anchorOf(QUOTE);
    const edited = 'New first line.\n' + article;
    const moved = reanchor(anchor, edited);
    expect(moved.position?.start).toBe((anchor.position?.start ?? 0) + 'New first line.\n'.length);
    expect(moved.quote.exact).toBe(QUOTE);
  });
});

describe('findQuote', () => {
  it('finds a quote ignoring whitespace and quote-mark style, and only a verbatim one', () => {
    const found = findQuote(article, '  While the messaging platforms themselves haven\'t\n been breached ');
    // The range is the article's own words (curly apostrophe), without the quote's edge whitespace.
    expect(found && article.slice(found.start, found.end)).toBe('While the messaging platforms themselves haven’t been breached');
    expect(findQuote(article, 'While the messaging platforms themselves have been breached')).toBeUndefined();
    expect(findQuote(article, '   ')).toBeUndefined();
  });
});
