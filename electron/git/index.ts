/**
 * The repository service and the shapes it returns: what the rest of the back end uses. The
 * modules beside this one each hold one git verb; core/ holds the runner, the environment, the
 * queue, validation and typed failures that every verb goes through.
 */
export { RepositoryService, type RepositoryProgressListener, type RepositoryServiceOptions } from './repository-service';
export type { CheckoutInfo } from './open';
export type { RepositoryStatus, FileStatus, FileChange } from './status';
export type { FileDiff, DiffSide } from './file-diff';
export type { CommitResult } from './commit';
export type { BranchInfo } from './branches';
export type { PullResult, ConflictedFile } from './pull';
export type { PushResult } from './push';
export type { AheadBehind } from './ahead-behind';
export type { UndoResult } from './undo-commit';
export type { RepairOutcome } from './repair-page';
export type { CommitReport } from './guard-check';
export type { GitProgress } from './core/runner';
export type { AuthorIdentity } from './core/validate';
