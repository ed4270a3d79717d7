/**
 * The security checks Electronegativity cannot do: it does not read .svelte files, and an option
 * hidden behind a cast escapes it. Each check takes a file's text and returns findings, so the
 * test can run it over the tree and over bad samples (to show it catches what it should).
 */
import ts from 'typescript';

/** One problem found in one file. */
export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly rule: 'unsanitised-html' | 'web-preferences' | 'csp';
  readonly message: string;
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

/**
 * Where the `close` bracket stands that closes an `open` one opened just before `start`, skipping
 * brackets inside strings and nested pairs; -1 when it is never closed.
 */
function closingBracket(source: string, start: number, open: string, close: string): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = source.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === open) depth++;
    else if (c === close) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The text from `start` up to the `}` that closes an already opened `{`, skipping strings; undefined if unclosed. */
function untilClosingBrace(source: string, start: number): string | undefined {
  const end = closingBracket(source, start, '{', '}');
  return end < 0 ? undefined : source.slice(start, end);
}

/**
 * True when `expression` is exactly one call of one of `names` (`sanitizeHtml(...)`), nothing
 * before or after it.
 */
export function isSanitizerCall(expression: string, names: ReadonlySet<string>): boolean {
  const text = expression.trim();
  const name = /^([A-Za-z_$][\w$]*)\(/.exec(text)?.[1];
  if (name === undefined || !names.has(name)) return false;
  // The call's own `(` stands right after the name; its `)` must end the expression.
  return closingBracket(text, name.length + 1, '(', ')') === text.length - 1;
}

/** The local names a file imports from the sanitiser module (renderer/src/lib/sanitize.ts). */
export function sanitiserNames(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*['"][^'"]*\/sanitize(?:\.(?:ts|js))?['"]/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const local = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim();
      if (local) names.add(local);
    }
  }
  return names;
}

/**
 * Renderer code: in a .svelte file every `{@html ...}` must be exactly one call of a function
 * imported from the sanitiser module (renderer/src/lib/sanitize.ts, DOMPurify), e.g.
 * `{@html sanitizeHtml(text)}`; in any file every innerHTML/outerHTML assignment,
 * insertAdjacentHTML or document.write must be fed by such a call too.
 */
export function findUnsanitisedHtml(file: string, source: string): Finding[] {
  const findings: Finding[] = [];
  const names = sanitiserNames(source);
  if (file.endsWith('.svelte')) {
    for (const match of source.matchAll(/\{@html\b/g)) {
      const expression = untilClosingBrace(source, match.index + match[0].length);
      if (expression === undefined || !isSanitizerCall(expression, names)) {
        const what = (expression ?? '').trim().slice(0, 60);
        findings.push({ file, line: lineOf(source, match.index), rule: 'unsanitised-html', message: `{@html} must render one call of the sanitiser imported from lib/sanitize, not ${JSON.stringify(what)}` });
      }
    }
  }
  const sinks = [/\.(?:innerHTML|outerHTML)\s*(?:\+?=)(?!=)\s*/g, /\.insertAdjacentHTML\s*\(\s*[^,]+,\s*/g, /\bdocument\.write(?:ln)?\s*\(\s*/g];
  for (const sink of sinks) {
    for (const match of source.matchAll(sink)) {
      const after = source.slice(match.index + match[0].length);
      const call = /^([A-Za-z_$][\w$]*)\(/.exec(after)?.[1];
      if (call !== undefined && names.has(call)) continue;
      findings.push({ file, line: lineOf(source, match.index), rule: 'unsanitised-html', message: `HTML written into the page without the sanitiser: ${match[0].trim()}` });
    }
  }
  return findings;
}

const REQUIRED: Readonly<Record<string, ts.SyntaxKind>> = {
  contextIsolation: ts.SyntaxKind.TrueKeyword,
  sandbox: ts.SyntaxKind.TrueKeyword,
  nodeIntegration: ts.SyntaxKind.FalseKeyword,
  webSecurity: ts.SyntaxKind.TrueKeyword,
};
const MUST_BE_FALSE_IF_PRESENT = ['nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'plugins'];
const FORBIDDEN = ['enableBlinkFeatures', 'additionalArguments'];
const WINDOW_CLASSES = new Set(['BrowserWindow', 'BrowserView', 'WebContentsView']);

/**
 * Main-process code: every `webPreferences` is a plain object literal (no cast, non-null
 * assertion or spread anywhere inside it, no variable standing in for it) that sets
 * contextIsolation, sandbox and webSecurity to true and nodeIntegration to false literally, and
 * enables none of the dangerous options; every window is created with explicit webPreferences.
 */
export function checkWebPreferences(file: string, source: string): Finding[] {
  const findings: Finding[] = [];
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const report = (node: ts.Node, message: string) => findings.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, rule: 'web-preferences', message });

  const checkPreferences = (value: ts.Expression) => {
    if (!ts.isObjectLiteralExpression(value)) {
      report(value, `webPreferences must be an object literal, not ${ts.SyntaxKind[value.kind]} (a cast or variable can hide an insecure option)`);
      return;
    }
    const walk = (node: ts.Node) => {
      if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node) || ts.isSatisfiesExpression(node)) report(node, `no casts inside webPreferences: ${node.getText().slice(0, 60)}`);
      if (ts.isSpreadAssignment(node)) report(node, `no spreads inside webPreferences: ${node.getText().slice(0, 60)}`);
      ts.forEachChild(node, walk);
    };
    walk(value);
    const props = new Map<string, ts.Expression>();
    for (const property of value.properties) {
      if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) props.set(property.name.text, property.initializer);
      else if (ts.isShorthandPropertyAssignment(property)) report(property, `webPreferences.${property.name.text} must be written out, not shorthand`);
    }
    for (const [name, kind] of Object.entries(REQUIRED)) {
      const initializer = props.get(name);
      if (initializer?.kind !== kind) report(initializer ?? value, `webPreferences.${name} must be the literal ${kind === ts.SyntaxKind.TrueKeyword ? 'true' : 'false'}`);
    }
    for (const name of MUST_BE_FALSE_IF_PRESENT) {
      const initializer = props.get(name);
      if (initializer && initializer.kind !== ts.SyntaxKind.FalseKeyword) report(initializer, `webPreferences.${name} must be false when set`);
    }
    for (const name of FORBIDDEN) {
      const initializer = props.get(name);
      if (initializer) report(initializer, `webPreferences.${name} must not be set`);
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node) && node.name.getText() === 'webPreferences') checkPreferences(node.initializer);
    if (ts.isShorthandPropertyAssignment(node) && node.name.text === 'webPreferences') report(node, 'webPreferences must be an object literal written in place');
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && WINDOW_CLASSES.has(node.expression.text)) {
      const [options] = node.arguments ?? [];
      const literal = options && ts.isObjectLiteralExpression(options) ? options : undefined;
      if (!literal || !literal.properties.some((p) => p.name?.getText() === 'webPreferences')) report(node, `new ${node.expression.text} needs an object literal with explicit webPreferences`);
    }
    if (ts.isAsExpression(node) && node.type.kind === ts.SyntaxKind.AnyKeyword) report(node, `\`as any\` in main-process code can hide an insecure option: ${node.getText().slice(0, 60)}`);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return findings;
}

/** Sources that no script, style or connection may use in our policy. */
const UNSAFE_SOURCES = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "'strict-dynamic'", '*', 'http:', 'https:', 'ws:', 'wss:', 'blob:', 'filesystem:'];

/** A Content-Security-Policy: default-src 'none', script-src 'self' only, nothing unsafe or remote anywhere. */
export function checkCsp(file: string, policy: string): Finding[] {
  const findings: Finding[] = [];
  const report = (message: string) => findings.push({ file, line: 1, rule: 'csp', message });
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  if (directives.get('default-src')?.join(' ') !== "'none'") report("default-src must be 'none'");
  if (directives.get('script-src')?.join(' ') !== "'self'") report("script-src must be exactly 'self'");
  for (const [name, sources] of directives) {
    for (const source of sources) {
      if (UNSAFE_SOURCES.includes(source.toLowerCase()) || /^https?:\/\//i.test(source)) report(`${name} allows ${source}`);
      if (source === 'data:' && !['img-src', 'font-src'].includes(name)) report(`${name} allows data:`);
    }
  }
  return findings;
}

/**
 * Any 'unsafe-inline', 'unsafe-eval' or 'unsafe-hashes' in a source file's code (comments, which
 * may explain the policy, are left out): a policy being loosened somewhere.
 */
export function findUnsafeCspTokens(file: string, source: string): Finding[] {
  // Comments are blanked, not removed, so line numbers stay right.
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/gm, (match, before: string) => before + blank(match.slice(before.length)));
  return [...code.matchAll(/unsafe-(?:inline|eval|hashes)/g)].map((m) => ({ file, line: lineOf(code, m.index), rule: 'csp' as const, message: `${m[0]} in a source file` }));
}
