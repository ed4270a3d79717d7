/** The one wording of a refused user value, for validate.ts and validate-revision.ts. */
import { ApiError } from '../../../shared/api/errors';

/** Throws the bad-request error for `value` typed in `field`, with the reason and the field in its details. */
export function refuseInput(field: string, value: string, reason: string): never {
  throw new ApiError('bad-request', `The ${field} ${JSON.stringify(value.slice(0, 120))} was refused: ${reason}.`, { field });
}
