/**
 * Figure 4, run in a child process of the bench (bundled, plain node):
 *   validation.js DIR ANNOTATIONS RUNS SECONDS
 * validates an incident draft of ANNOTATIONS tagged quotes (bench/incident-draft.ts) against the
 * checkout at DIR, RUNS times (or as many as fit in SECONDS, at least 30) after a warm-up, and
 * prints one JSON object on stdout. The context (catalog, retired techniques from git history, ids
 * in use) is gathered once before timing, as the app does: validation re-runs on every keystroke,
 * the context only when the checkout changes.
 */
import { loadCheckout } from '../../electron/checkout/load-checkout';
import { draftValidationContext } from '../../electron/drafts/validation-context';
import { collectUsedIds } from '../../electron/drafts/used-ids';
import { allocateDraftIds } from '../../shared/drafts/id-allocation';
import { validateDraft } from '../../shared/validation';
import { makeBenchDraft, slipOf } from '../incident-draft';
import { summarize } from '../stats';

const [folder, annotationsArg, runsArg, secondsArg] = process.argv.slice(2);
if (!folder) throw new Error('usage: validation.js DIR [ANNOTATIONS] [RUNS] [SECONDS]');
const annotations = Number(annotationsArg ?? 200);
const runs = Number(runsArg ?? 300);
/** A time budget: a slow validation stops after this many seconds (with at least 30 runs). */
const budgetMs = Number(secondsArg ?? 15) * 1000;

const loaded = await loadCheckout(folder);
const used = await collectUsedIds(folder);
const SLIP_EVERY = 50;
const draft = allocateDraftIds(makeBenchDraft(loaded.catalog, { annotations, slipEvery: SLIP_EVERY }), used);
const context = await draftValidationContext(folder, loaded.catalog, draft, [], { used });

// Warm the JIT: the figure is the steady cost of re-validating while the analyst types.
for (let i = 0; i < 20; i++) validateDraft(draft, context);
const times: number[] = [];
let diagnostics = validateDraft(draft, context);
const started = performance.now();
for (let i = 0; i < runs && (i < 30 || performance.now() - started < budgetMs); i++) {
  const t = performance.now();
  diagnostics = validateDraft(draft, context);
  times.push(performance.now() - t);
}
const byCode: Record<string, number> = {};
for (const d of diagnostics) byCode[`${d.severity} ${d.code}`] = (byCode[`${d.severity} ${d.code}`] ?? 0) + 1;
// A validation that misses what is wrong is quick: it must find each of the draft's slips.
for (const code of ['name-mismatch', 'unknown-id'] as const) {
  const slips = draft.annotations.filter((_, i) => slipOf(i, SLIP_EVERY) === code).length;
  const found = diagnostics.filter((d) => d.code === code).length;
  if (slips === 0) throw new Error(`the draft has no ${code} slip to check validation against (${annotations} quotes, one slip every ${SLIP_EVERY})`);
  if (found !== slips) throw new Error(`validation found ${found} ${code}, but the draft has ${slips} such slips`);
}

process.stdout.write(
  JSON.stringify({
    ms: summarize(times),
    annotations: draft.annotations.length,
    techniqueTags: draft.annotations.reduce((n, a) => n + a.techniqueIds.length, 0),
    explanationChars: draft.annotations.reduce((n, a) => n + a.explanation.length, 0),
    sourceChars: draft.sources.reduce((n, s) => n + s.text.length, 0),
    diagnostics: byCode,
  }) + '\n',
);
