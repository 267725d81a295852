// Live updates of a case page, as progressive enhancement: without this file a refresh shows the same.
// The page names its case's event stream (data-events, the API's server-sent events) and the address of
// its changing parts (data-fragment). On each new event the parts are fetched again and put in place of
// the page's own, by name (data-live-part). The stream is read with fetch rather than EventSource, whose
// listeners must name every type of event in advance.

const retryAfterMs = 5000;

/** The parts of `html` by name, as elements. */
function partsOf(html) {
  const fragment = new DOMParser().parseFromString(html, 'text/html');
  return new Map([...fragment.querySelectorAll('[data-live-part]')].map((part) => [part.dataset.livePart, part]));
}

async function refresh(fragmentUrl) {
  const response = await fetch(fragmentUrl, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
  if (!response.ok) return;
  const fresh = partsOf(await response.text());
  for (const part of document.querySelectorAll('[data-live-part]')) {
    const replacement = fresh.get(part.dataset.livePart);
    if (replacement) part.innerHTML = replacement.innerHTML;
  }
}

/** The ids of the complete events in `buffer`, and what is left of it after them. */
function eventsIn(buffer) {
  const ids = [];
  let rest = buffer;
  let end = rest.indexOf('\n\n');
  while (end >= 0) {
    const id = /^id: ?(\d+)$/m.exec(rest.slice(0, end));
    if (id) ids.push(id[1]);
    rest = rest.slice(end + 2);
    end = rest.indexOf('\n\n');
  }
  return { ids, rest };
}

async function follow(element) {
  const eventsUrl = new URL(element.dataset.events, window.location.href);
  const fragmentUrl = element.dataset.fragment;
  for (;;) {
    try {
      const response = await fetch(eventsUrl, { headers: { accept: 'text/event-stream' }, credentials: 'same-origin' });
      // Signed out, or no longer allowed to read the case: nothing more to follow.
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        // The stream ends once the case has closed and every event has been sent.
        if (done) return;
        const { ids, rest } = eventsIn(buffer + value);
        buffer = rest;
        const last = ids.at(-1);
        if (last !== undefined) {
          // Picks up after the last event seen if the connection drops.
          eventsUrl.searchParams.set('after', last);
          await refresh(fragmentUrl);
        }
      }
    } catch {
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
    }
  }
}

export function followLiveCases(root = document) {
  for (const element of root.querySelectorAll('[data-live-case]')) void follow(element);
}
