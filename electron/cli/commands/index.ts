/** The subcommands of `disarm-workbench`, in the order `--help` lists them. */
import type { Command } from '../command';
import { indexCommand } from './index-command';

export const commands: readonly Command[] = [indexCommand];
