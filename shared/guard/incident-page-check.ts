/**
 * The full new-incident-page check, bound to the page model of shared/pages: what the guard uses
 * by default wherever it runs (the app's guarded commit, `disarm-workbench check`, the hook).
 */
import { parseIncidentPage, renderIncidentPage } from '../pages';
import { createNewPageCheck } from './new-page';
import type { NewPageCheck } from './types';

/** Parse, compare the generated part with the newest rendering, on top of the structural check. */
export const checkNewIncidentPage: NewPageCheck = createNewPageCheck({ parse: parseIncidentPage, render: renderIncidentPage });
