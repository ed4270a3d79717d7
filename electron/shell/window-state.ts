/**
 * The window comes back where the analyst left it: size, position and maximised state are kept
 * in a small JSON file in the user data folder. What is read back is validated (a damaged file
 * means the default window, never a crash) and fitted to the displays attached now, so a window
 * last seen on a monitor that is gone does not open off-screen.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFilesDurablySync } from '../store/durable-json-file';

/** A rectangle in screen coordinates. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(200).max(100_000),
  maximized: z.boolean(),
});

/** What is remembered; no position means "let the system place it". */
export type WindowState = z.infer<typeof WindowStateSchema>;

/** The first window's size. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 860, maximized: false };
/** The smallest window the layout is made for. */
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
/** The file name in the user data folder. */
export const WINDOW_STATE_FILE = 'window-state.json';

/** The remembered state, or the default when the file is missing or damaged. */
export function loadWindowState(file: string): WindowState {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW_STATE;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Writes the state atomically (a crash mid-write leaves the old file, not half a file). */
export function saveWindowState(file: string, state: WindowState): void {
  const checked = WindowStateSchema.parse(state);
  mkdirSync(dirname(file), { recursive: true });
  // Synchronous: the window is closing.
  writeFilesDurablySync([{ path: file, text: JSON.stringify(checked, null, 2) + '\n', mode: 0o600 }]);
}

/**
 * The state fitted to the displays' work areas: no larger than the largest work area, and with
 * its position dropped (system placement) unless at least a 100×50 piece of the title bar area
 * lies on one of them.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxWidth = Math.max(...workAreas.map((a) => a.width));
  const maxHeight = Math.max(...workAreas.map((a) => a.height));
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(state.width, maxWidth));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(state.height, maxHeight));
  const sized: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return sized;
  const titleBar: Rect = { x: state.x, y: state.y, width, height: 50 };
  const visible = workAreas.some((area) => overlap(titleBar, area).width >= Math.min(100, width) && overlap(titleBar, area).height >= 50);
  return visible ? { ...sized, x: state.x, y: state.y } : sized;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}
