/**
 * Hands a document to the analyst as a file: a Blob behind a link with the download attribute.
 * The same in the browser (`serve`) and in the desktop window, so no host-specific code: a
 * download is not a fetch, so the page's CSP (no blob: in any directive) does not stand in its way.
 */
export function downloadText(fileName: string, mediaType: string, content: string): void {
  downloadBlob(fileName, new Blob([content], { type: mediaType }));
}

/** The same for a binary document the api sends base64-encoded (an .xlsx). */
export function downloadBase64(fileName: string, mediaType: string, base64: string): void {
  downloadBlob(fileName, new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: mediaType }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
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
