import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDraft } from '../../shared/drafts/changes';
import { describeQuote } from '../../shared/drafts/anchoring';
import { lookupFromList } from '../../shared/drafts/framework-lookup';
import type { Draft } from '../../shared/drafts/model';
import { EDIT_LINE } from '../../shared/edit-line';
import { checkCharacters, checkStrings, lintPage, RULE_CODES, validateDraft, type Diagnostic, type FixEdit, type RetiredTechnique, type RuleCode, type ValidationContext } from '../../shared/validation';
import { applyDraftToTechniquePage } from '../../shared/drafts/render-incident';
import { loadCheckout } from '../../electron/checkout/load-checkout';
import { findRetiredTechniques } from '../../electron/drafts/retired-techniques';
import { cloneHistory, SOURCE_ARTICLE, type HistoryClone } from '../helpers/fixtures';

const article = readFileSync(SOURCE_ARTICLE, 'utf8');
const lookup = lookupFromList([
  { id: 'T0155.007', name: 'Encrypted Communication Channel' },
  { id: 'T0143.003', name: 'Impersonated Persona' },
  { id: 'T0097.100', name: 'Individual Persona' },
  { id: 'T0088.001', name: 'Develop AI-Generated Audio (Deepfakes)' },
  { id: 'T0151.004', name: 'Chat Platform' },
]);
const retired = new Map<string, RetiredTechnique>([['T0043.001', { id: 'T0043.001', name: 'Use Encrypted Chat Apps', removedIn: { commit: '9d9ed6a536b86d3d7adbb68640ef73e8a7e26438', date: '2025-02-10' } }]]);
const context: ValidationContext = { lookup, retired, takenIncidentIds: new Set(['I00068', 'I00129']), nextFreeIncidentId: 'I00130' };

const QUOTE = 'The SIS noted that attackers are increasingly utilizing artificial intelligence to convincingly impersonate technical support staff or trusted contacts';

/** A complete, valid draft; each test breaks one thing. */
function goodDraft(): Draft {
  const sourceId = randomUUID();
  const referenceId = randomUUID();
  const start = article.indexOf(QUOTE);
  return newDraft(randomUUID(), '2025-02-20T00:00:00.000Z', {
    incidentId: 'I00130',
    incident: { name: 'Kremlin-linked hackers target WhatsApp and Signal', summary: 'A campaign against <i>messaging</i> accounts.<br>Officials and journalists were targeted.', yearStarted: '2025', dateAdded: '2025-02-20' },
    references: [{ id: referenceId, url: 'https://example.org/news/messaging-apps', pubDate: '2025/02/19', authors: 'A. Reporter', org: 'Example News', archiveUrl: 'https://web.archive.org/web/2025/https://example.org/news/messaging-apps' }],
    sources: [{ id: sourceId, title: 'article', referenceId, text: article }],
    annotations: [
      {
        id: randomUUID(),
        quote: QUOTE,
        techniqueIds: ['T0143.003', 'T0097.100'],
        explanation: 'Attackers impersonated support staff (T0143.003: Impersonated Persona, T0097.100: Individual Persona).',
        review: 'accepted',
        anchor: describeQuote(sourceId, article, start, start + QUOTE.length),
      },
    ],
  });
}

function codes(diagnostics: readonly Diagnostic[]): RuleCode[] {
  return diagnostics.map((d) => d.code);
}

describe('validateDraft', () => {
  it('is silent on a complete, valid draft', () => {
    expect(validateDraft(goodDraft(), context)).toEqual([]);
  });

  const cases: { code: RuleCode; field: string; change: (d: Draft) => Draft; fix?: string }[] = [
    { code: 'unknown-id', field: 'annotations.0.techniqueIds.0', change: (d) => tag(d, ['T0155.077']), fix: 'T0155.007' },
    { code: 'retired-id', field: 'annotations.0.techniqueIds.0', change: (d) => tag(d, ['T0043.001']) },
    { code: 'malformed-id', field: 'annotations.0.techniqueIds.0', change: (d) => tag(d, ['T155.7']), fix: 'T0155.007' },
    { code: 'name-mismatch', field: 'annotations.0.explanation', change: (d) => explain(d, 'Over WhatsApp (T0155.007: Encrypted Chat).'), fix: 'Encrypted Communication Channel' },
    { code: 'missing-field', field: 'incident.name', change: (d) => ({ ...d, incident: { ...d.incident, name: '' } }) },
    { code: 'bad-url', field: 'references.0.url', change: (d) => ({ ...d, references: d.references.map((r) => ({ ...r, url: 'https://example.org/a story|x' })) }), fix: 'https://example.org/a%20story%7Cx' },
    { code: 'bad-date', field: 'references.0.pubDate', change: (d) => ({ ...d, references: d.references.map((r) => ({ ...r, pubDate: '2025-02-19' })) }), fix: '2025/02/19' },
    { code: 'duplicate-tag', field: 'annotations.0.techniqueIds.1', change: (d) => tag(d, ['T0143.003', 'T0143.003']) },
    { code: 'quote-not-in-source', field: 'annotations.0.quote', change: (d) => ({ ...d, annotations: d.annotations.map((a) => ({ ...a, quote: 'Attackers breached the Signal servers directly' })) }) },
    { code: 'unsafe-html', field: 'annotations.0.explanation', change: (d) => explain(d, 'See <img src=x onerror=alert(1)> here (T0143.003: Impersonated Persona).'), fix: '&lt;' },
    { code: 'id-taken', field: 'incidentId', change: (d) => ({ ...d, incidentId: 'I00068' }), fix: 'I00130' },
    { code: 'control-character', field: 'incident.name', change: (d) => ({ ...d, incident: { ...d.incident, name: 'Kremlin\u0000-linked hackers' } }), fix: '' },
    { code: 'bidi-control', field: 'references.0.authors', change: (d) => ({ ...d, references: d.references.map((r) => ({ ...r, authors: 'A. \u202EReporter' })) }) },
    { code: 'zero-width-character', field: 'annotations.0.explanation', change: (d) => explain(d, 'Attackers\u200B impersonated support staff (T0143.003: Impersonated Persona).') },
  ];

  /** Rules of pages only, not of drafts: each has its own test (redundant-block: block-lifecycle.test.ts). */
  const pageOnly: RuleCode[] = ['redundant-block'];

  it('has a minimal bad input for every rule code', () => {
    expect([...cases.map((c) => c.code), ...pageOnly].sort()).toEqual([...RULE_CODES].sort());
  });

  for (const c of cases) {
    it(`${c.code} fires on a minimal bad input, at the field, with its fix`, () => {
      const diagnostics = validateDraft(c.change(goodDraft()), context);
      expect(codes(diagnostics)).toEqual([c.code]);
      const [d] = diagnostics as [Diagnostic];
      expect(d.range.field).toBe(c.field);
      expect(d.message.length).toBeGreaterThan(10);
      if (c.fix !== undefined) {
        const edit = d.fixes[0]?.edits[0];
        expect(edit && 'text' in edit ? edit.text : undefined).toBe(c.fix);
      }
    });
  }

  it('says since when a retired id is gone, and suggests did-you-mean ids for an unknown one', () => {
    const retiredDiagnostic = validateDraft(tag(goodDraft(), ['T0043.001']), context)[0];
    expect(retiredDiagnostic?.message).toContain('removed on 2025-02-10');
    expect(retiredDiagnostic?.fixes.map((f) => f.title)).toContain('Replace with T0155.007 (Encrypted Communication Channel)');
    const unknown = validateDraft(tag(goodDraft(), ['T0155.077']), context)[0];
    expect(unknown?.message).toContain('Did you mean T0155.007 Encrypted Communication Channel');
  });

  it('points at the exact offsets of a wrong name in an inline mention', () => {
    const text = 'Targets were reached over WhatsApp (T0151.004: Chat Platform,T0155.007: Encrypted Chat) and calls (T0088.001: Develop AI-Generated Audio (Deepfakes)).';
    const [d] = validateDraft(explain(goodDraft(), text), context);
    expect(d?.code).toBe('name-mismatch');
    expect(text.slice(d?.range.start, d?.range.end)).toBe('Encrypted Chat');
  });

  it('accepts a quote with left-out words marked [...] and whitespace or quote marks that differ', () => {
    const quote = "While the messaging platforms themselves haven't\n  been breached, the vulnerability [...] security awareness.";
    expect(article).toContain('haven’t been breached');
    const draft = goodDraft();
    expect(validateDraft({ ...draft, annotations: draft.annotations.map((a) => ({ ...a, quote })) }, context).map((d) => d.message)).toEqual([]);
    expect(codes(validateDraft({ ...draft, annotations: draft.annotations.map((a) => ({ ...a, quote: quote.replace('[...]', 'lies in') })) }, context))).toEqual(['quote-not-in-source']);
  });
});

/** Every string leaf of a value with its dotted path (the test's own walk, so validation's cannot hide a field from it). */
function stringLeaves(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
}

/** `draft` with the string at `path` replaced by `change(old)`. */
function withString(draft: Draft, path: readonly string[], change: (old: string) => string): Draft {
  const copy = structuredClone(draft) as unknown as Record<string, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  const last = path[path.length - 1] as string;
  at[last] = change(at[last] as string);
  return copy as unknown as Draft;
}

function applyEdits(text: string, edits: readonly FixEdit[]): string {
  return [...edits].sort((a, b) => ('start' in b ? b.start : 0) - ('start' in a ? a.start : 0)).reduce((t, e) => ('text' in e ? t.slice(0, e.start) + e.text + t.slice(e.end) : t), text);
}

describe('characters that do not belong in text', () => {
  const draft = goodDraft();
  const leaves = stringLeaves(draft);

  it('walks every string of the draft: incident fields, references, sources, quotes, techniques, anchors', () => {
    const paths = leaves.map((p) => p.join('.'));
    for (const name of ['name', 'summary', 'type', 'yearStarted', 'attributedTo', 'foundInCountry', 'foundVia', 'dateAdded', 'notes']) expect(paths).toContain(`incident.${name}`);
    for (const name of ['url', 'pubDate', 'authors', 'org', 'archiveUrl']) expect(paths).toContain(`references.0.${name}`);
    expect(paths).toEqual(expect.arrayContaining(['sources.0.title', 'sources.0.text', 'annotations.0.quote', 'annotations.0.explanation', 'annotations.0.techniqueIds.0', 'annotations.0.anchor.quote.exact', 'annotations.0.anchor.quote.prefix', 'annotations.0.anchor.quote.suffix']));
  });

  it('refuses a control character in every string field, at that field, with a fix that removes it', () => {
    for (const path of leaves) {
      const field = path.join('.');
      for (const control of ['\u0000', '\u0007', '\u001B', '\u007F']) {
        const broken = withString(draft, path, (old) => old.slice(0, 1) + control + old.slice(1));
        const found = validateDraft(broken, context).filter((d) => d.code === 'control-character');
        expect(found.map((d) => [d.range.field, d.severity]), `${field} ${JSON.stringify(control)}`).toEqual([[field, 'error']]);
        const [d] = found as [Diagnostic];
        const value = path.reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], broken) as string;
        expect(value.slice(d.range.start, d.range.end)).toBe(control);
        expect(d.fixes.map((f) => f.title)).toEqual(['Remove the control characters']);
        expect(applyEdits(value, d.fixes[0]?.edits ?? [])).toBe(path.reduce<unknown>((v, key) => (v as Record<string, unknown>)[key], draft));
      }
    }
  });

  it('removes every control character of a field with one fix, keeping tab, line feed and carriage return', () => {
    const notes = 'First\u0000 line\tand\r\nsecond\u0008 line\n\u001Fend';
    const [d, ...rest] = validateDraft({ ...draft, incident: { ...draft.incident, notes } }, context).filter((x) => x.code === 'control-character');
    expect(rest).toEqual([]);
    expect(d?.message).toMatch(/3 control characters \(U\+0000 at line 1, column 6; U\+0008 at line 2, column 7; U\+001F at line 3, column 1\)/);
    expect(applyEdits(notes, d?.fixes[0]?.edits ?? [])).toBe('First line\tand\r\nsecond line\nend');
    expect(validateDraft({ ...draft, incident: { ...draft.incident, notes: 'Tabs\tand\r\nline breaks.' } }, context)).toEqual([]);
  });

  it('finds in one search over all strings what a search per string finds', () => {
    const piece = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\u0000', '\u0007', '\u202E', '\u200B', '\uFEFF', 'é'), maxLength: 8 });
    const value = fc.record({ list: fc.array(piece, { maxLength: 6 }), nested: fc.array(fc.record({ a: piece, b: fc.array(piece, { maxLength: 3 }) }), { maxLength: 3 }) });
    fc.assert(
      fc.property(value, (v) => {
        const each = [...v.list.map((t, i) => [`list.${i}`, t] as const), ...v.nested.flatMap((n, i) => [[`nested.${i}.a`, n.a] as const, ...n.b.map((t, j) => [`nested.${i}.b.${j}`, t] as const)])];
        expect(checkStrings(v)).toEqual(each.flatMap(([field, t]) => checkCharacters(t, field)));
      }),
      { numRuns: 1000 },
    );
  });

  it('reports a control character of a source text once, at the source, not again at the quotes’ anchors that copy it', () => {
    const source = draft.sources[0] as Draft['sources'][number];
    const at = source.text.indexOf(QUOTE) + 10;
    const text = source.text.slice(0, at) + '\u0000' + source.text.slice(at);
    const annotation = draft.annotations[0] as Draft['annotations'][number];
    const start = text.indexOf(annotation.quote.slice(0, 10));
    const dirty = { ...draft, sources: [{ ...source, text }], annotations: [{ ...annotation, anchor: describeQuote(source.id, text, start, start + annotation.quote.length + 1) }] };
    expect(dirty.annotations[0]?.anchor.quote.exact).toContain('\u0000');
    expect(validateDraft(dirty, context).filter((d) => d.code === 'control-character').map((d) => d.range.field)).toEqual(['sources.0.text']);
  });

  it('warns of bidirectional controls and zero-width characters in any field, without a fix', () => {
    for (const [character, code] of [['\u202E', 'bidi-control'], ['\u2066', 'bidi-control'], ['\u200F', 'bidi-control'], ['\u200B', 'zero-width-character'], ['\uFEFF', 'zero-width-character']] as const) {
      for (const path of leaves) {
        const found = validateDraft(withString(draft, path, (old) => character + old), context).filter((d) => d.code === code);
        expect(found.map((d) => [d.range.field, d.severity, d.range.start, d.fixes.length]), `${path.join('.')} ${code}`).toEqual([[path.join('.'), 'warning', 0, 0]]);
      }
    }
  });
});

describe('characters in a page’s notes', () => {
  const page = `# Technique T0155.007\n\nGenerated text.\n\n${EDIT_LINE}`;

  it('reports a control character below the line as an error with a fix, and bidi and zero-width ones as warnings', () => {
    const text = `${page}\n\nA note\u0000 with a NUL.\nAn \u202Eoverride and a zero\u200Bwidth space.\n`;
    const diagnostics = lintPage(text, context);
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.line, d.range.column])).toEqual([
      ['control-character', 'error', 7, 7],
      ['bidi-control', 'warning', 8, 4],
      ['zero-width-character', 'warning', 8, 24],
    ]);
    expect(applyEdits(text, diagnostics[0]?.fixes[0]?.edits ?? [])).toBe(text.replace('\u0000', ''));
  });

  it('leaves the generated part to the master data: silent, or info when asked', () => {
    const text = page.replace('Generated text.', 'Generated\u0000 text.') + '\nA clean note.\n';
    expect(lintPage(text, context)).toEqual([]);
    expect(lintPage(text, context, { includeGenerated: true }).map((d) => [d.code, d.severity, d.fixes.length])).toEqual([['control-character', 'info', 0]]);
  });
});

function tag(draft: Draft, techniqueIds: string[]): Draft {
  return { ...draft, annotations: draft.annotations.map((a) => ({ ...a, techniqueIds, explanation: 'Attackers impersonated support staff.' })) };
}

function explain(draft: Draft, explanation: string): Draft {
  return { ...draft, annotations: draft.annotations.map((a) => ({ ...a, explanation })) };
}

describe('against the real framework', () => {
  let clone: HistoryClone;
  let realContext: ValidationContext;
  beforeAll(async () => {
    clone = cloneHistory();
    const { catalog } = await loadCheckout(clone.path);
    const current = new Set(catalog.techniques().map((t) => t.id));
    realContext = { lookup: catalog, retired: await findRetiredTechniques(clone.path, current) };
  });
  afterAll(() => clone.dispose());

  it('knows from the history that T0043.001 is retired, and since when', () => {
    const t = realContext.retired?.get('T0043.001');
    expect(t).toMatchObject({ id: 'T0043.001', name: 'Use Encrypted Chat Apps' });
    expect(t?.removedIn.date).toMatch(/^2025-/);
    expect(realContext.lookup.technique('T0043.001')).toBeUndefined();
  });

  it('offers the successors the history shows for a retired id first, and names them', () => {
    const [d] = validateDraft(tag(goodDraft(), ['T0043.001']), realContext);
    expect(d?.code).toBe('retired-id');
    expect(d?.message).toContain('removed on 2025-02-10');
    expect(d?.message).toContain('Its incidents moved to T0155.007 Encrypted Communication Channel, T0151.004 Chat Platform.');
    // Only those: names alike (T0015.001 Use Existing Hashtag...) are a guess the history makes needless.
    expect(d?.fixes.map((f) => f.title)).toEqual(['Replace with T0155.007 (Encrypted Communication Channel)', 'Replace with T0151.004 (Chat Platform)']);
    expect(d?.message).not.toContain('similar names');
    // In explanations too: the inline mention's fix writes the successor's name.
    const [m] = validateDraft(explain(goodDraft(), 'Calls over WhatsApp (T0043.001: Use Encrypted Chat Apps).'), realContext);
    expect(m?.fixes[0]?.title).toBe('Replace with T0155.007: Encrypted Communication Channel');
  });

  it('finds zero errors over every incident page at the newest commit', () => {
    const dir = join(clone.path, 'generated_pages', 'incidents');
    const files = readdirSync(dir).filter((n) => n.endsWith('.md'));
    expect(files.length).toBeGreaterThanOrEqual(129);
    let looked = 0;
    for (const name of files) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(lintPage(text, realContext), name).toEqual([]);
      // The generated part is looked at too on request, reported as info for the master data.
      looked += lintPage(text, realContext, { includeGenerated: true }).length;
      expect(lintPage(text, realContext, { includeGenerated: true }).filter((d) => d.severity !== 'info'), name).toEqual([]);
    }
    expect(looked).toBeGreaterThan(0);
  });

  it('reports a bad id in a page’s notes at its line and column, and accepts the workbench’s own blocks', () => {
    const page = readFileSync(join(clone.path, 'generated_pages', 'techniques', 'T0155.007.md'), 'utf8');
    const draft = goodDraft();
    const withBlock = applyDraftToTechniquePage(page, { ...draft, annotations: draft.annotations.map((a) => ({ ...a, techniqueIds: ['T0155.007'], explanation: 'Over WhatsApp (T0155.007: Encrypted Communication Channel).' })) }, 'T0155.007');
    expect(lintPage(withBlock, realContext)).toEqual([]);
    const withNote = withBlock + '\nAlso seen: T0043.001 and <script>x</script>.\n';
    const diagnostics = lintPage(withNote, realContext);
    expect(codes(diagnostics)).toEqual(['retired-id', 'unsafe-html', 'unsafe-html']);
    const lines = withNote.split('\n');
    expect(diagnostics[0]?.range.line).toBe(lines.length - 1);
    expect(diagnostics[0]?.range.column).toBe('Also seen: '.length + 1);
  });
});
