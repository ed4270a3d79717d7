// Known markdown-preview attacks on Electron editors, shared by the browser test that feeds them to
// the previews (test/e2e/preview-xss.spec.ts) and the unit test of the markdown stage
// (test/renderer/html/raw-html.test.ts). Each would set SENTINEL if it ran.

/** What an attack runs when it gets through. */
export const SENTINEL = 'window.__xss=1';

/** The corpus: each a known way to run script through a markdown preview. */
export const XSS_CORPUS: readonly string[] = [
  '[x](javascript:alert(1))',
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  '<embed src="javascript:alert(1)">',
  `<img src=x onerror="${SENTINEL}">`,
  `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${SENTINEL}">`,
  `<table><tr><img src onerror="${SENTINEL}"></tr></table>`,
  `<a href="javascript:${SENTINEL}">y</a>`,
  `<svg onload="${SENTINEL}"></svg>`,
  `<details open ontoggle="${SENTINEL}">d</details>`,
  `<script>${SENTINEL}</script>`,
];
