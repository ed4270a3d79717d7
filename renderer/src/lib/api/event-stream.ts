/**
 * A reader of the text/event-stream format, for the HTTP transport's events. EventSource cannot
 * send an Authorization header (the token would have to go in the URL), so the page reads the
 * stream with fetch and parses it here: `data:` lines up to a blank line make one message;
 * comment lines (`:`) keep the connection alive and are ignored.
 */

/** Feeds text chunks in; calls `onData` with each complete message's data. */
export function createEventStreamParser(onData: (data: string) => void): (chunk: string) => void {
  let buffer = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) onData(data.join('\n'));
        data = [];
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
      // Comments (":...") and other fields (event:, id:, retry:) are not used by the server.
    }
  };
}
