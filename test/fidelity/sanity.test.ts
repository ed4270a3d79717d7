/**
 * The reference itself: on a clean clone of the history bundle the maintainers' generator changes
 * nothing. Every other fidelity test relies on this (a difference after regeneration is then the
 * contribution's, not the generator's or the layout's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneHistory, git, type HistoryClone } from '../helpers/fixtures';
import { findGeneratorPython, NO_PYTHON_REASON, upstreamLayout, type UpstreamLayout } from './generator';

const python = findGeneratorPython();

describe.skipIf(python === undefined)(`the maintainers' generator on a clean clone${python === undefined ? ` (skipped: ${NO_PYTHON_REASON})` : ''}`, () => {
  let clone: HistoryClone;
  let layout: UpstreamLayout;
  beforeAll(() => {
    clone = cloneHistory();
    layout = upstreamLayout(clone.path, python as string);
  });
  afterAll(() => {
    layout?.dispose();
    clone?.dispose();
  });

  it('rewrites every page to what is committed: git status stays clean', () => {
    const ms = layout.run();
    console.info(`generator run time: ${(ms / 1000).toFixed(1)} s`);
    expect(git(clone.path, 'status', '--porcelain', '--untracked-files=all')).toBe('');
  }, 120_000);
});
