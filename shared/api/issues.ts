/**
 * A schema's refusal as one line an analyst can act on ("field: message; other: message"), the
 * same wherever one is reported: an api call's arguments, a draft file, the store file.
 */
import type { z } from 'zod';

/** The first `limit` issues of `error`, each after the path of the field it is about. */
export function describeIssues(error: z.ZodError, limit = 5): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
