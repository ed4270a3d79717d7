/**
 * The figures of `npm run bench`, in the order of the design (issue 8): each measures the
 * workbench and its baseline in the same run and says whether the target was met.
 */
import type { Figure } from './figure';
import { catalogFigures } from './catalog-figures';
import { validationFigures } from './validation-figures';
import { guardFigures } from './guard-figures';
import { commitFigures } from './commit-figures';
import { uiFigures } from './ui-figures';
import { meaningFigures } from './meaning-figures';

export const figures: readonly Figure[] = [...catalogFigures, ...validationFigures, ...guardFigures, ...commitFigures, ...uiFigures, ...meaningFigures];
