// Raw HTML in markdown is reduced to the allow-list at the markdown stage (renderer/src/lib/raw-html.ts),
// so the browser's parser is never handed an event handler or a script (Chromium 156 and later log a
// CSP violation for merely parsing one, even inert). Checked with a real HTML parser (parse5, the
// WHATWG algorithm): what the markdown stage emits holds no element or attribute outside the list,
// for the preview's attack corpus and for generated inputs; and every page of the real framework
// renders as it did before, minus only the attributes the sanitiser always dropped.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from '../../../renderer/src/lib/html-allow-list';
import { markdownToHtml } from '../../../renderer/src/lib/markdown';
import { allowListedHtml, tagNamesOnly } from '../../../renderer/src/lib/raw-html';
import { DISARM_DIR } from '../../helpers/fixtures';
import { SENTINEL, XSS_CORPUS } from '../../helpers/xss-corpus';

type Node = DefaultTreeAdapterMap['node'];
interface Found {
  readonly elements: string[];
  readonly attributes: { element: string; name: string; value: string }[];
}

/** Every element and attribute the browser would build from `html`. */
function parsed(html: string): Found {
  const found: Found = { elements: [], attributes: [] };
  const visit = (node: Node): void => {
    if ('tagName' in node) {
      found.elements.push(node.tagName);
      for (const a of node.attrs) found.attributes.push({ element: node.tagName, name: a.name, value: a.value });
    }
    const content = 'content' in node ? [node.content] : [];
    for (const child of [...content, ...('childNodes' in node ? node.childNodes : [])]) visit(child as Node);
  };
  visit(parseFragment(html) as Node);
  return found;
}

const TAGS = new Set(ALLOWED_TAGS);
const ATTRIBUTES = new Set(ALLOWED_ATTRIBUTES);

/** What must never reach the parser: an element or attribute outside the list, or a script address. */
function forbidden(html: string): string[] {
  const { elements, attributes } = parsed(html);
  return [
    ...elements.filter((e) => !TAGS.has(e)).map((e) => `<${e}>`),
    ...attributes.filter((a) => !ATTRIBUTES.has(a.name)).map((a) => `${a.element}[${a.name}]`),
    ...attributes.filter((a) => /^\s*(?:javascript|vbscript|data:text)/i.test(a.value.replace(/[\u0000-\u0020]/g, ''))).map((a) => `${a.name}=${a.value}`),
  ];
}

/** The preview's attack corpus, and the encodings browsers decode into schemes. */
const CORPUS = [
  ...XSS_CORPUS,
  '<a href="javascript&colon;alert(1)">c</a>',
  '<a href="&#106;avascript:alert(1)">e</a>',
  '<a href="jav&#x09;ascript:alert(1)">t</a>',
  '<a href=" javascript:alert(1)">s</a>',
  '<img src="x" alt="a" title=\'q"><script>1</script>\'>',
  '<!-- <img src=x onerror=1> --><b>kept</b>',
  '<div><style>@import url(//x)</style><noscript><img src=x onerror=1></noscript></div>',
  `<i onclick="${SENTINEL}">i</i><p/onmouseover=${SENTINEL}>p</p>`,
];

describe('raw HTML at the markdown stage', () => {
  it('leaves no element, attribute or address outside the allow-list for any of the corpus', () => {
    for (const attack of CORPUS) {
      for (const markdown of [attack, `text ${attack} text`, `| a | b |\n| - | - |\n| ${attack} | x |`, `> ${attack}`]) {
        expect(forbidden(markdownToHtml(markdown)), markdown).toEqual([]);
      }
    }
  });

  it('keeps the allowed markup, with its allowed attributes only', () => {
    expect(markdownToHtml('a <i>b</i><br>c <a href="https://example.org/x?a=1&b=2" onclick="x" title="t">l</a>')).toBe(
      '<p>a <i>b</i><br>c <a href="https://example.org/x?a=1&b=2" title="t">l</a></p>',
    );
    expect(allowListedHtml('<table border="1"><tr><td colspan=2 style="color:red">x</td></tr></table>')).toBe('<table><tr><td colspan="2">x</td></tr></table>');
    expect(allowListedHtml('<a href="tactics/TA01.md">TA01</a>')).toBe('<a href="tactics/TA01.md">TA01</a>');
    // The one `data:` address the sanitiser shows: an inline image, as an image's source only.
    expect(allowListedHtml('<img src="data:image/png;base64,iVBORw0KGgo=" alt="p">')).toBe('<img src="data:image/png;base64,iVBORw0KGgo=" alt="p">');
    expect(allowListedHtml('<a href="data:image/png;base64,iVBORw0KGgo=">p</a><img src="data:text/html;base64,PHNjcmlwdD4=">')).toBe('<a>p</a><img>');
  });

  it('writes a tag outside the list as the text it was, so an analyst sees what was written', () => {
    expect(allowListedHtml(`<script>${SENTINEL}</script>`)).toBe(`&lt;script&gt;${SENTINEL}&lt;/script&gt;`);
    expect(allowListedHtml('<img src=x onerror=1>')).toBe('<img src="x">');
    expect(allowListedHtml('<a href="javascript&colon;alert(1)">c</a>')).toBe('<a>c</a>');
    expect(allowListedHtml('1 < 2 and <3')).toBe('1 &lt; 2 and &lt;3');
  });

  it('holds for generated mixtures of tags, attributes, quotes and entities', () => {
    const piece = fc.constantFrom(
      '<', '>', '/', '"', "'", '=', ' ', '\n', '`', '&', '&colon;', '&#106;', 'on', 'onerror', 'onload', 'href', 'src', 'style',
      'javascript:', 'img', 'a', 'i', 'table', 'script', 'svg', 'math', 'iframe', 'style', 'template', 'x', '1', '<!--', '-->', '![x](', ')', '|',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const markdown = pieces.join('');
        expect(forbidden(markdownToHtml(markdown))).toEqual([]);
        expect(forbidden(allowListedHtml(markdown))).toEqual([]);
        expect(parsed(tagNamesOnly(markdown)).attributes).toEqual([]);
        // The article reader's words-only attributes: asking for handlers, addresses or styles keeps none.
        const kept = parsed(tagNamesOnly(markdown, WORD_ATTRIBUTES)).attributes;
        expect(kept.filter((a) => !WORD_ATTRIBUTES.has(a.name) || /^on|^(href|src|style)$/.test(a.name))).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('renders every page of the framework as before, minus the attributes the sanitiser drops', () => {
    const pages = readdirSync(DISARM_DIR, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.md') && !p.startsWith('.git'));
    expect(pages.length).toBeGreaterThan(700);
    const differing = pages.filter((path) => {
      const text = readFileSync(join(DISARM_DIR, path), 'utf8');
      const unfiltered = micromark(text, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
        .replace(/ (?:border|style)="[^"]*"/g, '') // table borders and colours: never on the allow-list
        .replace(/<(\/?)([A-Za-z]+)/g, (_m, slash: string, name: string) => `<${slash}${name.toLowerCase()}`); // `<I>` is `<i>`
      return markdownToHtml(text) !== unfiltered;
    });
    expect(differing).toEqual([]);
  });
});

/** What web-article.ts keeps, plus what it must never get even when asked for. */
const WORD_ATTRIBUTES: ReadonlySet<string> = new Set(['class', 'id', 'content', 'name', 'onerror', 'onload', 'href', 'src', 'style']);

describe('tag names only, for an HTML file read as a source', () => {
  it('keeps only the plain-word attributes asked for, quoted and escaped, and never a handler, an address or a style', () => {
    expect(tagNamesOnly('<P class=a id="b&c" onclick=x style="color:red"><a href="javascript:1" name=\'q"<\'>x</a><img src=x onerror=1></P>', WORD_ATTRIBUTES)).toBe(
      '<p class="a" id="b&amp;c"><a name="q&quot;&lt;">x</a><img></p>',
    );
  });


  it('strips every attribute and declaration and keeps the text and its blocks', () => {
    expect(tagNamesOnly('<!DOCTYPE html><html><body onload="x"><P class=a>One &amp; <b>two</b></P><img src=x onerror=1></body></html>')).toBe(
      '<html><body><p>One &amp; <b>two</b></p><img></body></html>',
    );
  });
});
