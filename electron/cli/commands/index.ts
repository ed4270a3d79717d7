/** The subcommands of `disarm-workbench`, in the order `--help` lists them. */
import type { Command } from '../command';
import { checkCommand } from './check-command';
import { draftCommand } from './draft-command';
import { indexCommand } from './index-command';
import { installHookCommand } from './install-hook-command';
import { lintCommand } from './lint-command';
import { serveCommand } from './serve-command';

export const commands: readonly Command[] = [indexCommand, serveCommand, checkCommand, installHookCommand, lintCommand, draftCommand];
