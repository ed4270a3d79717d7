/** The preload: placeholder until the desktop shell lands. */
export {};
