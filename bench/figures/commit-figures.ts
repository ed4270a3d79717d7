/** Figure 6: applying and committing one incident through the back end, against `git add` + `git commit` of the same files. */
import type { Summary } from '../stats';
import { ms, runChild, type Figure } from './figure';

interface CommitFigure {
  serviceMs: Summary;
  applyMs: Summary;
  stageMs: Summary;
  commitMs: Summary;
  shellMs: Summary;
  ratio: Summary;
  files: number;
  annotations: number;
}

const RUNS = 7;

const applyAndCommit: Figure = {
  id: '6',
  title: 'Apply + commit one incident through the api (drafts.apply, repo.stage, guarded repo.commit) vs `git add` + `git commit` from sh',
  target: 'ratio ≤ 2',
  async run(context) {
    const r = runChild<CommitFigure>(context, 'commit.js', [context.checkout1x, context.scratch, String(RUNS), '12']);
    return [
      {
        value: `ratio ${r.ratio.median.toFixed(2)} (p95 ${r.ratio.p95.toFixed(2)}): service ${ms(r.serviceMs.median)} (p95 ${ms(r.serviceMs.p95)}; apply ${ms(r.applyMs.median)}, stage ${ms(r.stageMs.median)}, commit ${ms(r.commitMs.median)}), shell ${ms(r.shellMs.median)} (p95 ${ms(r.shellMs.p95)}); ${r.files} files (${r.annotations} quotes), medians of ${r.ratio.n} runs on fresh clones`,
        met: r.ratio.median <= 2,
        detail: r,
      },
    ];
  },
};

export const commitFigures: readonly Figure[] = [applyAndCommit];
