/** The STIX export's ids: deterministic, and never one id for two objects. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStixBundle } from '../../electron/interchange/stix-schema';
import { DISARM_STIX_PATH, indexDisarmStix } from '../../shared/interchange/disarm-stix';
import type { InterchangeIncident } from '../../shared/interchange/incident';
import { incidentToStix } from '../../shared/interchange/stix';
import { DISARM_DIR } from '../helpers/fixtures';

const patterns = indexDisarmStix(JSON.parse(readFileSync(join(DISARM_DIR, DISARM_STIX_PATH), 'utf8')));

describe('STIX ids', () => {
  it('DISARM.json gives 391 techniques their attack-pattern ids', () => {
    expect(patterns.size).toBe(391);
    expect(patterns.get('T0155.007')?.stixId).toMatch(/^attack-pattern--[0-9a-f-]{36}$/);
  });

  it('two explanations of one quote for one technique are two notes with ids of their own', () => {
    const incident: InterchangeIncident = {
      key: 'draft:test',
      incidentId: '',
      name: 'Twice quoted',
      summary: '',
      dateAdded: '',
      references: [],
      uses: [
        { techniqueId: 'T0155.007', quote: 'Same words.', explanation: 'First reading.' },
        { techniqueId: 'T0155.007', quote: 'Same words.', explanation: 'Second reading.' },
      ],
    };
    const { bundle } = incidentToStix(incident, patterns, '2025-01-01T00:00:00.000Z');
    const ids = bundle.objects.map((o) => o.id);
    expect(bundle.objects.filter((o) => o.type === 'note')).toHaveLength(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(checkStixBundle(bundle)).toEqual([]);
    // The first note keeps the id it had when it was the only one.
    const alone = incidentToStix({ ...incident, uses: incident.uses.slice(0, 1) }, patterns, '2025-01-01T00:00:00.000Z').bundle;
    expect(alone.objects.find((o) => o.type === 'note')?.id).toBe(bundle.objects.find((o) => o.type === 'note')?.id);
  });
});
