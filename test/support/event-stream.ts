// Reading server-sent events in tests, as a browser's EventSource would.

interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Reads a text/event-stream response frame by frame, as a browser's EventSource would. */
export function eventStream(response: Response, controller: AbortController) {
  if (!response.body) throw new Error('no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const frames: SseFrame[] = [];
  let buffer = '';
  let ended = false;
  let pending: ReturnType<typeof reader.read> | undefined;

  const parse = () => {
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: SseFrame = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) frame.comment = line.slice(1).trim();
        else {
          const colon = line.indexOf(':');
          const field = line.slice(0, colon) as 'id' | 'event' | 'data';
          frame[field] = line.slice(colon + 1).replace(/^ /, '');
        }
      }
      frames.push(frame);
    }
  };

  return {
    frames,
    /** The events (not comments) so far, their data parsed. */
    events: () =>
      frames.filter((frame) => frame.data !== undefined).map((frame) => ({ ...frame, json: JSON.parse(frame.data ?? '') as Record<string, unknown> })),
    get ended() {
      return ended;
    },
    /** Reads until `done()` holds; throws if the stream ends first or time runs out. */
    async readUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!done()) {
        if (ended) throw new Error(`The stream ended first; frames: ${JSON.stringify(frames)}`);
        if (!pending) {
          pending = reader.read();
          // Cancelling the stream rejects a read still waiting; nobody needs that rejection.
          pending.catch(() => undefined);
        }
        const result = await Promise.race([
          pending,
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()))),
        ]);
        if (result === 'timeout') throw new Error(`Timed out; frames so far: ${JSON.stringify(frames)}`);
        pending = undefined;
        if (result.done) ended = true;
        else {
          buffer += result.value;
          parse();
        }
      }
    },
    async readToEnd(timeoutMs = 10_000): Promise<void> {
      await this.readUntil(() => ended, timeoutMs).catch((error: unknown) => {
        if (!ended) throw error;
      });
    },
    close: () => controller.abort(),
  };
}
