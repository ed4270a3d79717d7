/**
 * Hands a document to the analyst as a file: a Blob behind a link with the download attribute.
 * The same in the browser (`serve`) and in the desktop window, so no host-specific code: a
 * download is not a fetch, so the page's CSP (no blob: in any directive) does not stand in its way.
 */
export function downloadText(fileName: string, mediaType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: the browser reads the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
