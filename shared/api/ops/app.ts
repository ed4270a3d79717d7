/** Operations about the application itself. */
import { z } from 'zod';
import { defineOperation } from '../define';

export const appOperations = {
  'app.info': defineOperation({
    summary: 'The version of the back end and how the UI is connected to it.',
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), transport: z.enum(['ipc', 'http']), canPickFolder: z.boolean() }),
  }),
  'app.pickFolder': defineOperation({
    summary: "The system's folder picker (desktop app only; a browser has no access to it): the chosen folder, or null when cancelled.",
    input: z.object({ title: z.string().max(200) }).strict(),
    output: z.object({ folder: z.string().nullable() }),
  }),
};
