import { expect } from 'vitest';

// Pages' forms as a browser without JavaScript uses them: it opens the page, keeps the cookies the page
// sets, and posts the form back with its hidden fields (the CSRF token, the form's idempotency key).

export const acceptsHtml = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** A browser's cookie jar, kept by name, good enough for one site. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    initial: Record<string, string> = {},
  ) {
    for (const [name, value] of Object.entries(initial)) this.cookies.set(name, value);
  }

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Opens a page (never following a redirect), keeping what it sets. */
  async open(path: string, init: RequestInit = {}): Promise<{ response: Response; html: string }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { ...acceptsHtml, ...(this.cookies.size ? { cookie: this.cookieHeader } : {}), ...(init.headers ?? {}) },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = decodeURIComponent(pair.slice(separator + 1).trim());
      // An expired or emptied cookie is one the site told the browser to forget.
      if (value === '' || /expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { response, html: await response.text() };
  }

  /** Posts fields as a form does; `hidden` are the page's own hidden fields, sent as they were. */
  post(path: string, fields: Record<string, string>, hidden: Record<string, string> = {}): Promise<{ response: Response; html: string }> {
    return this.open(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...hidden, ...fields }).toString(),
    });
  }

  /** Posts a form that carries a file, as a browser sends it (multipart/form-data). */
  postWithFile(
    path: string,
    fields: Record<string, string>,
    file: { field: string; name: string; type: string; content: Uint8Array },
    hidden: Record<string, string> = {},
  ): Promise<{ response: Response; html: string }> {
    const body = new FormData();
    for (const [name, value] of Object.entries({ ...hidden, ...fields })) body.append(name, value);
    body.append(file.field, new Blob([file.content], { type: file.type }), file.name);
    return this.open(path, { method: 'POST', body });
  }

  /** Opens the page the form is on, then posts it with that page's hidden fields, as a person filling it in does. */
  async submit(formPage: string, action: string, fields: Record<string, string>): Promise<{ response: Response; html: string }> {
    const { html } = await this.open(formPage);
    return this.post(action, fields, hiddenFields(html, action));
  }
}

/** The hidden fields of the form on the page that posts to `action`. */
export function hiddenFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  expect(start, `a form posting to ${action}`).toBeGreaterThanOrEqual(0);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[match[1] ?? ''] = decodeHtml(match[2] ?? '');
  return fields;
}

function decodeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A browser signed in through the sign-in page, reading pages in English unless the person chose otherwise. */
export async function signedInBrowser(baseUrl: string, person: { email: string; password: string }): Promise<Browser> {
  const browser = new Browser(baseUrl, { cymuned_lang: 'en' });
  const { response } = await browser.submit('/sign-in', '/sign-in', { email: person.email, password: person.password });
  expect(response.status).toBe(303);
  return browser;
}
