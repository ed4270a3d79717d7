/**
 * The hover card of inline mentions inside CodeMirror editors: resting the pointer on a technique
 * id shows its name, tactic and summary, like everywhere else in the app.
 */
import type { Extension } from '@codemirror/state';
import { hoverTooltip, type Tooltip } from '@codemirror/view';
import { TECHNIQUE_MENTION } from '../mentions';
import type { TechniqueLookup } from './technique-lookup';

/** The mention (id and range) at `pos` of `line` starting at `lineFrom`, if any. */
export function mentionAt(line: string, lineFrom: number, pos: number): { id: string; from: number; to: number } | undefined {
  for (const match of line.matchAll(TECHNIQUE_MENTION)) {
    const from = lineFrom + match.index;
    const to = from + match[0].length;
    if (pos >= from && pos <= to) return { id: match[0], from, to };
  }
  return undefined;
}

/** The tooltip extension. */
export function mentionHover(lookup: TechniqueLookup): Extension {
  return hoverTooltip((view, pos): Tooltip | null => {
    const line = view.state.doc.lineAt(pos);
    const mention = mentionAt(line.text, line.from, pos);
    if (!mention) return null;
    return {
      pos: mention.from,
      end: mention.to,
      above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'cm-mention-card';
        const technique = lookup(mention.id);
        const head = document.createElement('div');
        const strong = document.createElement('strong');
        strong.textContent = technique ? `${technique.id} ${technique.name}` : mention.id;
        head.append(strong);
        dom.append(head);
        const detail = document.createElement('div');
        detail.className = 'cm-mention-detail';
        detail.textContent = technique ? `${technique.tacticId} ${technique.tacticName}` : 'Not a technique of this checkout of the framework.';
        dom.append(detail);
        if (technique?.summary) {
          const summary = document.createElement('p');
          summary.textContent = technique.summary;
          dom.append(summary);
        }
        return { dom };
      },
    };
  });
}
