/**
 * The validation rules: one stable code each, its default severity and what it means. Codes are
 * a contract with scripts and CI (`disarm-workbench lint --json`) and with the UI (quick fixes):
 * they never change meaning.
 */

export const VALIDATION_RULES = {
  'unknown-id': { severity: 'error', summary: 'A technique id that the checked-out framework does not have (with did-you-mean suggestions).' },
  'retired-id': { severity: 'error', summary: 'A technique id that an earlier version of the framework had and the checked-out one does not (says since when).' },
  'malformed-id': { severity: 'error', summary: 'Something written like a technique id that is not one (T155.7 for T0155.007).' },
  'name-mismatch': { severity: 'warning', summary: 'An inline mention `(T0155.007: Name)` whose name is not the technique’s name.' },
  'missing-field': { severity: 'error', summary: 'A field the incident needs is empty (warnings for fields that are only recommended).' },
  'bad-url': { severity: 'error', summary: 'A reference or archive link that is not an absolute http(s) URL, or would break the page’s link.' },
  'bad-date': { severity: 'error', summary: 'A date not written as the master data writes it (YYYY/MM/DD for publication dates, YYYY-MM-DD for the date added).' },
  'duplicate-tag': { severity: 'warning', summary: 'The same technique tagged twice on one quote, or the same quote tagged twice with one technique.' },
  'quote-not-in-source': { severity: 'warning', summary: 'A quote that is not verbatim in the draft’s source texts (ignoring whitespace and quote-mark style).' },
  'unsafe-html': { severity: 'error', summary: 'HTML other than the framework’s own tags (i, I, b, br).' },
  'id-taken': { severity: 'error', summary: 'The draft’s incident id is already used by the checkout, its history or another draft.' },
  'control-character': { severity: 'error', summary: 'A control character (C0 other than tab, line feed and carriage return, or DEL) in any field of a draft or in a page’s notes: it makes the page binary to git.' },
  'bidi-control': { severity: 'warning', summary: 'An invisible bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) that can make text read in another order than it is written.' },
  'redundant-block': {
    severity: 'warning',
    summary: 'A workbench block on a technique page whose rows the generated part now has, the same: the maintainers took the incident, and the block only repeats it below the line.',
    fix: 'Remove the block: `disarm-workbench tidy --repo DIR` removes every such block (and never one whose rows differ, nor any other note).',
  },
  'zero-width-character': { severity: 'warning', summary: 'An invisible zero-width character (U+200B–U+200D, U+2060, U+FEFF) that splits ids and words that look whole.' },
} as const;

export type RuleCode = keyof typeof VALIDATION_RULES;

/** Every rule code, in a stable order. */
export const RULE_CODES = Object.keys(VALIDATION_RULES) as RuleCode[];
