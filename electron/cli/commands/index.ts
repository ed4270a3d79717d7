/**
 * The subcommands of `disarm-workbench`, in the order `--help` lists them. Each module is loaded
 * only when its command runs (or help is asked for): `check` in a pre-commit hook should not pay
 * for loading the spreadsheet, schema and server libraries that other commands need.
 */
import type { Command } from '../command';

/** A subcommand by name, and how to load it. */
export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'index', load: async () => (await import('./index-command')).indexCommand },
  { name: 'serve', load: async () => (await import('./serve-command')).serveCommand },
  { name: 'check', load: async () => (await import('./check-command')).checkCommand },
  { name: 'install-hook', load: async () => (await import('./install-hook-command')).installHookCommand },
  { name: 'lint', load: async () => (await import('./lint-command')).lintCommand },
  { name: 'draft', load: async () => (await import('./draft-command')).draftCommand },
  { name: 'export', load: async () => (await import('./export-command')).exportCommand },
  { name: 'export-layer', load: async () => (await import('./export-command')).exportLayerCommand },
  { name: 'import-stix', load: async () => (await import('./import-stix-command')).importStixCommand },
  { name: 'tidy', load: async () => (await import('./tidy-command')).tidyCommand },
];
