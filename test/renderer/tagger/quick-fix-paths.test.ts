// Validation names draft fields by dotted paths; the quick fixes reach exactly those fields.
import { describe, expect, it } from 'vitest';
import { parseFieldPath } from '../../../renderer/src/features/drafts/quick-fix';

describe('field paths of quick fixes', () => {
  it('reads every kind of path validation writes', () => {
    expect(parseFieldPath('incidentId')).toEqual({ kind: 'incidentId' });
    expect(parseFieldPath('incident.dateAdded')).toEqual({ kind: 'incident', name: 'dateAdded' });
    expect(parseFieldPath('references.1.archiveUrl')).toEqual({ kind: 'reference', index: 1, name: 'archiveUrl' });
    expect(parseFieldPath('annotations.2.explanation')).toEqual({ kind: 'annotation', index: 2, name: 'explanation' });
    expect(parseFieldPath('annotations.0.techniqueIds.3')).toEqual({ kind: 'technique', index: 0, position: 3 });
    // The control-character rule looks at every string, source texts and anchors included.
    expect(parseFieldPath('sources.0.text')).toEqual({ kind: 'source', index: 0, name: 'text' });
    expect(parseFieldPath('sources.2.title')).toEqual({ kind: 'source', index: 2, name: 'title' });
    expect(parseFieldPath('annotations.1.anchor.quote.prefix')).toEqual({ kind: 'anchor', index: 1, name: 'prefix' });
  });

  it('refuses paths that name nothing it may edit', () => {
    for (const path of ['', 'incident', 'incident.constructor', 'incident.__proto__', 'references.-1.url', 'references.x.url', 'references.0.id', 'annotations.0.anchor', 'annotations.0.techniqueIds.-2', 'sources.0.id', 'sources.0.referenceId', 'annotations.0.anchor.quote.type', 'annotations.0.anchor.sourceId', 'annotations.0.anchor.quote.exact.x']) {
      expect(parseFieldPath(path), path).toBeUndefined();
    }
  });
});
