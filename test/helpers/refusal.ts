/**
 * The refusal a test expects: what the back end says when it will not do something is an
 * ApiError (code, message, details), and the test goes on to check those.
 */
import { ApiError } from '../../shared/api/errors';

/** The ApiError `promise` is refused with; throws when it succeeds or fails with anything else. */
export async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => ({ refused: false as const }),
    (error: unknown) => ({ refused: true as const, error }),
  );
  if (!outcome.refused) throw new Error('expected a refusal (an ApiError), but it succeeded');
  if (outcome.error instanceof ApiError) return outcome.error;
  throw new Error(`expected a refusal (an ApiError), got ${String(outcome.error)}`, { cause: outcome.error });
}
