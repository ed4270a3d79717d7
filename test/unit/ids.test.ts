import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ID_GRAMMAR, compareIds, formatId, isId, pageOfPath, pagePath, parentTechniqueId, parseId } from '../../shared/ids';

describe('ids', () => {
  it('parses every kind by prefix and digit count', () => {
    const cases: [string, string][] = [['P01', 'phase'], ['TA07', 'tactic'], ['T0155', 'technique'], ['T0155.007', 'technique'], ['TK0037', 'task'], ['I00068', 'incident'], ['C00006', 'counter'], ['A033', 'actortype'], ['M004', 'metatechnique'], ['D02', 'responsetype'], ['F00001', 'detection'], ['S007', 'sector'], ['IT00000219', 'incidenttechnique']];
    for (const [text, kind] of cases) expect(parseId(text)?.kind, text).toBe(kind);
  });

  it('refuses malformed ids', () => {
    for (const text of ['T155', 'T0155.7', 'T00155', 'I0068', 'TA7', 't0155', 'T0155.', 'X001', 'I00068.001', ' T0155', '']) expect(parseId(text), text).toBeUndefined();
  });

  it('formats and compares', () => {
    expect(formatId('technique', 155, 7)).toBe('T0155.007');
    expect(formatId('incident', 131)).toBe('I00131');
    expect(() => formatId('incident', 123456)).toThrow(RangeError);
    expect(['T0155.007', 'T0155', 'TA07', 'T0002', 'I00001'].sort(compareIds)).toEqual(['I00001', 'T0002', 'T0155', 'T0155.007', 'TA07']);
    expect(parentTechniqueId('T0155.007')).toBe('T0155');
    expect(parentTechniqueId('T0155')).toBeUndefined();
    expect(isId('I00068', 'incident')).toBe(true);
  });

  it('orders ids by prefix, number and sub-number, and other strings after them by text (property)', () => {
    // compareIds works through cached string keys; this is the order it must give, written plainly.
    const expected = (a: string, b: string): number => {
      const pa = parseId(a);
      const pb = parseId(b);
      if (!pa || !pb) return pa ? -1 : pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
      const [prefixA, prefixB] = [ID_GRAMMAR[pa.kind].prefix, ID_GRAMMAR[pb.kind].prefix];
      if (prefixA !== prefixB) return prefixA < prefixB ? -1 : 1;
      return pa.number - pb.number || (pa.sub ?? -1) - (pb.sub ?? -1);
    };
    const kinds = Object.keys(ID_GRAMMAR) as (keyof typeof ID_GRAMMAR)[];
    const id = fc.oneof(
      fc.tuple(fc.constantFrom(...kinds), fc.nat({ max: 99 })).map(([kind, n]) => formatId(kind, n)),
      fc.tuple(fc.nat({ max: 9999 }), fc.option(fc.nat({ max: 999 }), { nil: undefined })).map(([n, sub]) => formatId('technique', n, sub)),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(fc.property(id, id, (a, b) => Math.sign(compareIds(a, b)) === Math.sign(expected(a, b))), { numRuns: 5000 });
    expect(['TK0001', 'T9999', 'TA01', 'x', 'T0001.010', 'T0001.002', '', 'P01'].sort(compareIds)).toEqual(['P01', 'T0001.002', 'T0001.010', 'T9999', 'TA01', 'TK0001', '', 'x']);
  });

  it('maps pages and paths both ways', () => {
    expect(pagePath('T0155.007')).toBe('generated_pages/techniques/T0155.007.md');
    expect(pageOfPath('generated_pages/incidents/I00068.md')).toEqual({ kind: 'incident', id: 'I00068' });
    expect(pageOfPath('generated_pages/techniques_index.md')).toBeUndefined();
    expect(pageOfPath('generated_pages/incidents/T0001.md')).toBeUndefined();
  });
});
