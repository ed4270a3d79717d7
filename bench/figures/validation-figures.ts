/** Figure 4: validating an incident draft of 200 tagged quotes, as it is re-validated while the analyst types. */
import type { Summary } from '../stats';
import { ms, runChild, type Figure } from './figure';

interface ValidationFigure {
  ms: Summary;
  annotations: number;
  techniqueTags: number;
  explanationChars: number;
  sourceChars: number;
  diagnostics: Record<string, number>;
}

const validation: Figure = {
  id: '4',
  title: 'Validation of an incident with 200 annotations (validateDraft, warm)',
  target: '< 20 ms',
  async run(context) {
    const result = runChild<ValidationFigure>(context, 'validation.js', [context.checkout1x, '200', '300', '15']);
    const found = Object.entries(result.diagnostics).map(([code, n]) => `${n} ${code}`).join(', ');
    return [
      {
        value: `median ${ms(result.ms.median)}, p95 ${ms(result.ms.p95)}, p99 ${ms(result.ms.p99)} over ${result.ms.n} runs (${result.annotations} quotes, ${result.techniqueTags} tags, ${Math.round(result.explanationChars / 1000)} k chars of explanations; ${found || 'no diagnostics'})`,
        met: result.ms.median < 20,
        detail: result,
      },
    ];
  },
};

export const validationFigures: readonly Figure[] = [validation];
