/**
 * What a figure of `npm run bench` is, what it gets from the harness and what it returns, and the
 * helpers every figure uses (running its bundled child script, quoting milliseconds). Apart from
 * the list of figures (index.ts), so that the figure modules do not import the module that imports them.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { AppBuild } from '../app-build';
import type { SyntheticCheckout } from '../synthetic-checkout';

/** What every figure gets from the harness. */
export interface BenchContext {
  /** Folder of the bundled figure scripts (catalog.js...). */
  readonly bundles: string;
  /** A clone of the history bundle (the newest DISARM checkout). */
  readonly checkout1x: string;
  /** The synthetic checkout 50 times its size, made on first use (a run of `--only 1,4` needs none). */
  readonly checkout50x: () => Promise<SyntheticCheckout>;
  /** Brings dist/ up to date with the sources, once, for the figures that measure the built CLI or renderer. */
  readonly builtApp: () => AppBuild;
  /** A temporary folder the figure may use. */
  readonly scratch: string;
  readonly log: (line: string) => void;
}

/** One row of the results. */
export interface FigureResult {
  readonly id: string;
  readonly title: string;
  /** The figure as quoted, e.g. "ratio 2.1 (load 41 ms / read 19 ms, medians)". */
  readonly value: string;
  readonly target: string;
  /** Undefined where there is no target (a baseline). */
  readonly met: boolean | undefined;
  readonly detail: unknown;
}

/**
 * What a figure measured: its row of the table without the id, title and target, which are the
 * figure's own unless a part of it (3a, 3b...) names its own.
 */
export type Measured = Omit<FigureResult, 'id' | 'title' | 'target'> & Partial<Pick<FigureResult, 'id' | 'title' | 'target'>>;

/** One figure of the design: what the table calls it, its target, and how to measure it. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  readonly target: string;
  run(context: BenchContext): Promise<Measured[]>;
}

/** The row of the table for one measurement of `figure` (or its failure), so every row has the same shape. */
export function resultOf(figure: Figure, measured: Measured): FigureResult {
  return { id: figure.id, title: figure.title, target: figure.target, ...measured };
}

/** Runs a bundled figure script in a fresh Node process and parses the JSON line it prints. */
export function runChild<T>(context: BenchContext, script: string, args: readonly string[]): T {
  const out = execFileSync(process.execPath, ['--expose-gc', join(context.bundles, script), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as T;
}

/** Milliseconds as the table quotes them: two decimals below 10 ms, whole ones above. */
export const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
