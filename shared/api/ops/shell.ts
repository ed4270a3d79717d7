/**
 * What the desktop shell tells the UI: the application menu's workbench commands (the menu lives
 * in the main process, the screens in the renderer) and "reload" when the shell itself opened a
 * checkout (a folder given on the command line or to a second launch).
 */
import { z } from 'zod';
import { defineEvent } from '../define';

/**
 * The commands of the application menu that the UI carries out. (File > Open Checkout is done by
 * the shell itself with the system's folder picker; the UI then gets `reload`.)
 */
export const ShellCommand = z.enum(['new-incident', 'search', 'review', 'settings', 'reload']);
export type ShellCommand = z.infer<typeof ShellCommand>;

export const shellEvents = {
  'shell.command': defineEvent({
    summary: 'A menu command for the UI to carry out, or `reload` after the shell opened a checkout.',
    payload: z.object({ command: ShellCommand }).strict(),
  }),
};
