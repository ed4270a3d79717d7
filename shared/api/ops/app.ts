/** Operations about the application itself. */
import { z } from 'zod';
import { defineOperation } from '../define';

export const appOperations = {
  'app.info': defineOperation({
    summary: 'The version of the back end and how the UI is connected to it.',
    input: z.object({}).strict(),
    output: z.object({ version: z.string(), transport: z.enum(['ipc', 'http']) }),
  }),
};
