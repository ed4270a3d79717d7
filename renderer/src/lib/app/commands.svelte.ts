/**
 * The workbench's commands: one list behind the command palette (Ctrl/Cmd+K), the keyboard
 * shortcuts and the desktop menu's commands. The frame registers the global ones (go to a screen,
 * theme, new incident); a screen registers its own while it shows (tag, save, next unreviewed)
 * and they disappear when it closes. A command is found by id, so a shortcut or menu item
 * can name a command that a screen provides while it shows (the review screen's commit).
 */
import { matchesShortcut, type KeyLike } from './shortcuts';

/** One thing the analyst can do by name. */
export interface Command {
  /** Stable id (`screen.library`, `tagger.tag`). */
  readonly id: string;
  /** What the palette shows. */
  readonly title: string;
  /** The palette's group heading. */
  readonly group: string;
  /** `Mod+K` style; see shortcuts.ts. */
  readonly shortcut?: string;
  /** Words the palette also matches. */
  readonly keywords?: string;
  /** False hides it from the palette and disables its shortcut. */
  readonly enabled?: () => boolean;
  /** True: its shortcut works even while typing in a text field or editor. */
  readonly inEditable?: boolean;
  run(): void | Promise<void>;
}

/** The commands registered now, and the shortcut dispatcher over them. */
export class CommandRegistry {
  #commands = $state<Command[]>([]);
  readonly #mac: boolean;
  readonly #onError: (error: unknown, command: Command) => void;

  constructor(options: { mac: boolean; onError: (error: unknown, command: Command) => void }) {
    this.#mac = options.mac;
    this.#onError = options.onError;
  }

  /** Every enabled command, newest registrations first for the same id. */
  get all(): Command[] {
    const newestFirst = [...this.#commands].reverse();
    return newestFirst.filter((command, index) => newestFirst.findIndex((c) => c.id === command.id) === index && (command.enabled?.() ?? true));
  }

  get mac(): boolean {
    return this.#mac;
  }

  /** Adds commands; returns the function that removes exactly these again. */
  register(...commands: Command[]): () => void {
    this.#commands = [...this.#commands, ...commands];
    return () => {
      this.#commands = this.#commands.filter((c) => !commands.includes(c));
    };
  }

  /** Runs the command `id`; false when there is none (or it is disabled). */
  run(id: string): boolean {
    const command = this.all.find((c) => c.id === id);
    if (!command) return false;
    this.#execute(command);
    return true;
  }

  /** Handles a key event: runs the command whose shortcut it is, and stops the browser's default. */
  handleKey(event: KeyLike & { preventDefault(): void; readonly defaultPrevented: boolean }, inEditable: boolean): boolean {
    if (event.defaultPrevented) return false;
    const command = this.all.find((c) => c.shortcut !== undefined && matchesShortcut(c.shortcut, event, this.#mac) && (!inEditable || c.inEditable || hasModifier(c.shortcut)));
    if (!command) return false;
    event.preventDefault();
    this.#execute(command);
    return true;
  }

  #execute(command: Command): void {
    try {
      const result = command.run();
      if (result instanceof Promise) result.catch((error: unknown) => this.#onError(error, command));
    } catch (error) {
      this.#onError(error, command);
    }
  }
}

/** Shortcuts with Ctrl/Cmd or Alt never type text, so they work in text fields too. */
function hasModifier(shortcut: string): boolean {
  return /(^|\+)(mod|ctrl|alt)\+/i.test(shortcut);
}
