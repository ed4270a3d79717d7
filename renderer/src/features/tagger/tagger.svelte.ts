/**
 * The quote tagger's state: which draft and source text are open, which annotation is, the
 * source editor's selection, and the actions (tag the selection, open an annotation from its
 * highlight, go to the next unreviewed one, accept, add or replace a source text).
 */
import type { EditorView } from '@codemirror/view';
import { DraftScreenState } from '../drafts/draft-screen.svelte';
import type { DraftSession } from '../drafts/draft-session.svelte';
import type { Highlight } from '../../lib/editor/highlights';
import { readSourceFile, SourceFileError } from '../../lib/sources/read-source-file';

export class TaggerState extends DraftScreenState {
  sourceId = $state<string | undefined>(undefined);
  activeId = $state<string | undefined>(undefined);
  hasSelection = $state(false);
  /** Where focus is to go next (taken by that field once it is there). */
  focusRequest = $state<'picker' | 'explanation' | undefined>(undefined);
  /** A new source is being added (the paste area shows even when the draft has sources). */
  addingSource = $state(false);
  view: EditorView | undefined;

  /** The source text showing. */
  readonly source = $derived(this.session ? (this.session.draft.sources.find((s) => s.id === this.sourceId) ?? this.session.draft.sources[0]) : undefined);

  /** The highlights of the source showing. */
  readonly highlights = $derived.by((): Highlight[] => {
    const source = this.source;
    if (!this.session || !source) return [];
    return this.session.draft.annotations.flatMap((a) =>
      a.anchor && a.anchor.sourceId === source.id && a.anchor.position ? [{ id: a.id, from: a.anchor.position.start, to: a.anchor.position.end, accepted: a.review === 'accepted' }] : [],
    );
  });

  /** The annotation open. */
  readonly active = $derived(this.session?.annotation(this.activeId));

  /** How many annotations are accepted, of how many. */
  readonly progress = $derived.by(() => {
    const list = this.session?.draft.annotations ?? [];
    return { total: list.length, accepted: list.filter((a) => a.review === 'accepted').length };
  });

  /** A draft just opened shows its first source text. */
  protected override opened(session: DraftSession): void {
    this.sourceId = session.draft.sources[0]?.id;
  }

  /** Tags the selected passage: a new annotation, opened, with focus in its technique field. */
  tag(): void {
    const view = this.view;
    const source = this.source;
    if (!this.session || !view || !source) {
      this.workbench.notices.info('Paste or open a source text first, then select a passage to tag.');
      return;
    }
    const { from, to } = view.state.selection.main;
    if (from === to) {
      this.workbench.notices.info('Select a passage of the source text first, then press Tag.');
      return;
    }
    const id = this.session.tagPassage(source.id, from, to);
    if (!id) {
      this.workbench.notices.info('The selection holds only spaces; select the words to quote.');
      return;
    }
    this.activeId = id;
    // The passage is tagged: its selection is done with (and Tag is not pressed twice by mistake).
    view.dispatch({ selection: { anchor: to } });
    this.focusRequest = 'picker';
  }

  /** Selects a passage of the showing source (from the whole-source suggestions), ready to Tag. */
  selectPassage(from: number, to: number): void {
    const view = this.view;
    if (!view || to > view.state.doc.length) return;
    view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
    view.focus();
  }

  /** Opens an annotation (from its highlight or the list), showing its source. */
  openAnnotation(id: string): void {
    const annotation = this.session?.annotation(id);
    if (!annotation) return;
    this.activeId = id;
    if (annotation.anchor && annotation.anchor.sourceId !== this.source?.id) this.sourceId = annotation.anchor.sourceId;
  }

  /** Opens the next annotation still to be reviewed (after the open one, wrapping). */
  nextUnreviewed(): void {
    const next = this.session?.nextUnreviewed(this.activeId);
    if (next) {
      this.openAnnotation(next.id);
      this.focusRequest = 'picker';
    } else this.workbench.notices.info(this.progress.total ? 'Every quote is reviewed.' : 'No quote is tagged yet.');
  }

  /** Accepts the open annotation, or returns it to draft. */
  toggleAccept(): void {
    const active = this.active;
    if (!this.session || !active) return;
    this.session.setReview(active.id, active.review === 'accepted' ? 'draft' : 'accepted');
  }

  /** Deletes the open annotation (after the analyst confirmed). */
  removeActive(): void {
    if (!this.session || !this.activeId) return;
    this.session.removeAnnotation(this.activeId);
    this.activeId = undefined;
  }

  /** Adds a pasted text as a source and shows it. */
  addSource(text: string, title: string, referenceId?: string): void {
    if (!this.session) return;
    if (text.trim() === '') {
      this.workbench.notices.info('The text is empty: paste the article first.');
      return;
    }
    this.sourceId = this.session.addSource(text, title.trim() || 'Source', referenceId);
    this.addingSource = false;
  }

  /** The error notices of files that could not be read, showing. */
  #fileErrors: number[] = [];

  /**
   * Reads a PDF, .docx, .txt, .md or .html file to its text, for the paste area, with what
   * reading left out (shown there until the text is used). The draft is not touched; a file that
   * cannot be read gets a message.
   */
  async readFile(file: File): Promise<{ text: string; title: string; notices: readonly string[]; whole?: string } | undefined> {
    // A file that opens clears the messages of files that did not (errors stay until dismissed).
    const notices = this.workbench.notices;
    try {
      const read = await readSourceFile(file);
      for (const id of this.#fileErrors.splice(0)) notices.dismiss(id);
      return { text: read.text, title: read.title ?? file.name.replace(/\.[^.]+$/, ''), notices: read.notices, ...(read.whole !== undefined ? { whole: read.whole } : {}) };
    } catch (error) {
      this.#fileErrors.push(error instanceof SourceFileError ? notices.show('error', error.message) : notices.error(error, `${file.name} could not be read`));
      return undefined;
    }
  }

  /** Replaces the showing source's text (edited), re-anchoring its quotes. */
  async replaceText(text: string): Promise<void> {
    const source = this.source;
    if (!this.session || !source) return;
    try {
      const lost = await this.session.replaceSourceText(source.id, text);
      this.workbench.notices.success(replacedTextNotice(lost));
    } catch (error) {
      this.workbench.notices.error(error, 'Could not replace the text');
    }
  }
}

/** What replacing a source's text did to its quotes, in a sentence. */
export function replacedTextNotice({ needsReview, orphaned }: { needsReview: number; orphaned: number }): string {
  const quotes = (n: number) => `${n} quote${n === 1 ? '' : 's'}`;
  const parts = [
    ...(needsReview ? [`${quotes(needsReview)} no longer word for word in it: choose ${needsReview === 1 ? 'its' : 'their'} place under “Needs review”`] : []),
    ...(orphaned ? [`${quotes(orphaned)} not found in it, kept as orphaned`] : []),
  ];
  return parts.length ? `Text replaced; ${parts.join('; ')}.` : 'Text replaced; every quote was found again.';
}
