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
} as const;

export type RuleCode = keyof typeof VALIDATION_RULES;

/** Every rule code, in a stable order. */
export const RULE_CODES = Object.keys(VALIDATION_RULES) as RuleCode[];
