import { isUtf8 } from 'node:buffer';
import { unescape as unescapeQuery } from 'node:querystring';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { match, type MatchFunction } from 'path-to-regexp';
import type { Bilingual } from '../domain/bilingual.js';
import { isWellFormedText, wellFormed } from '../domain/text.js';
import { sendProblem } from './problem.js';
import { readerLanguage } from './reader-language.js';
import type { Route } from './route-table.js';

// Every request's text is checked here, once, before authentication, idempotency or any operation sees
// it, so no schema has to remember to. A lone UTF-16 surrogate passes zod's z.string() but PostgreSQL
// refuses it in JSON, which once left a case's event unwritable and its workflow retrying for ever; JSON
// nested thousands deep overflows the stack of anything that walks it recursively (hashing the body for
// Idempotency-Key did). Both are refused with 400, naming where: body fields as zod names them
// (`answers.partners.1`), `query.<name>` and `path.<name>` for parameters.

/** Deeper than any body the API accepts (answers are three levels), shallow enough for any recursion. */
export const maxJsonDepth = 32;
/** A few are enough to show what is wrong; a body of ten thousand bad strings need not be listed. */
const maxIssues = 20;

type Problem = 'lone_surrogate' | 'not_percent_encoded_utf8' | 'not_utf8' | 'too_deep';

const messages: Record<Problem, Bilingual> = {
  lone_surrogate: {
    cy: 'rhaid iddo fod yn destun Unicode dilys: mae ynddo nod UTF-16 anghyflawn (surrogate unigol)',
    en: 'must be well-formed Unicode text: it holds an incomplete UTF-16 character (a lone surrogate)',
  },
  not_percent_encoded_utf8: {
    cy: 'rhaid iddo fod yn UTF-8 dilys wedi’i amgodio â chanrannau (%XX)',
    en: 'must be valid percent-encoded UTF-8 (%XX)',
  },
  not_utf8: { cy: 'nid yw’r corff yn UTF-8 dilys', en: 'the body is not valid UTF-8' },
  too_deep: {
    cy: `mae wedi’i nythu’n ddyfnach na ${maxJsonDepth} lefel`,
    en: `is nested more than ${maxJsonDepth} levels deep`,
  },
};

interface Issue {
  path: string;
  problem: Problem;
}

// Requests whose JSON body was not UTF-8: the body parser would quietly decode the bad bytes as U+FFFD,
// so they are noted while the raw bytes are at hand and refused below with the rest.
const notUtf8 = new WeakSet<IncomingMessage>();

/** For express.json's `verify`: notes a UTF-8 body that is not valid UTF-8 (other charsets are decoded). */
export function noteMalformedUtf8(req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  if (/^utf-?8$/i.test(encoding) && !isUtf8(body)) notUtf8.add(req);
}

/**
 * Walks a parsed JSON body without recursion, so its own depth is no risk: every string and every key must
 * be well-formed, and no container may sit deeper than maxJsonDepth. Issues come in document order.
 */
function bodyIssues(body: unknown, issues: Issue[]): void {
  const pending: { value: unknown; path: string[]; key?: string }[] = [{ value: body, path: [] }];
  while (pending.length > 0 && issues.length < maxIssues) {
    const { value, path, key } = pending.pop() as (typeof pending)[number];
    if (key !== undefined && !isWellFormedText(key)) {
      // Shown back as well-formed text: the lone surrogate becomes U+FFFD.
      issues.push({ path: [...path, wellFormed(key)].join('.'), problem: 'lone_surrogate' });
      continue;
    }
    const here = key === undefined ? path : [...path, key];
    if (typeof value === 'string') {
      if (!isWellFormedText(value)) issues.push({ path: here.join('.'), problem: 'lone_surrogate' });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (here.length >= maxJsonDepth) {
      issues.push({ path: here.join('.'), problem: 'too_deep' });
      continue;
    }
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    // Last first, so that popping takes them in document order.
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [childKey, item] = entries[index] as readonly [string, unknown];
      pending.push({ value: item, path: here, key: childKey });
    }
  }
}

/** Whether a raw URL component percent-decodes to well-formed text (decodeURIComponent refuses any other). */
function decodes(raw: string): boolean {
  try {
    return isWellFormedText(decodeURIComponent(raw));
  } catch {
    return false;
  }
}

/** The query string as sent, part by part, as Node's querystring (Express's "simple" parser) splits it. */
function queryIssues(url: string, issues: Issue[]): void {
  const start = url.indexOf('?');
  if (start === -1) return;
  for (const part of url.slice(start + 1).split('&')) {
    if (part === '') continue;
    const separator = part.indexOf('=');
    const [rawKey, rawValue] = (separator === -1 ? [part, ''] : [part.slice(0, separator), part.slice(separator + 1)]).map((s) => s.replaceAll('+', ' ')) as [
      string,
      string,
    ];
    if (!decodes(rawKey) || !decodes(rawValue)) issues.push({ path: `query.${wellFormed(unescapeQuery(rawKey))}`, problem: 'not_percent_encoded_utf8' });
    if (issues.length >= maxIssues) return;
  }
}

/** The path parameters of the route `path` would reach, as sent, each of which Express will decode. */
function pathIssues(req: Request, matchers: readonly { methods: Set<string>; match: MatchFunction<Partial<Record<string, string>>> }[], issues: Issue[]): void {
  if (!req.path.includes('%')) return;
  const method = req.method.toLowerCase();
  for (const route of matchers) {
    if (!route.methods.has(method) && !(method === 'head' && route.methods.has('get'))) continue;
    const found = route.match(req.path);
    if (!found) continue;
    for (const [name, raw] of Object.entries(found.params)) {
      if (raw !== undefined && !decodes(raw)) issues.push({ path: `path.${name}`, problem: 'not_percent_encoded_utf8' });
    }
    return;
  }
}

/**
 * Refuses, with 400 problem details naming each place, a request whose text is not well-formed or whose
 * JSON body is nested too deeply. Mounted once, after the JSON body parser, for every route in `routes`.
 */
export function wellFormedInput(routes: readonly Pick<Route, 'method' | 'path'>[]): RequestHandler {
  // One matcher per path, with the methods served there. Should two paths match one URL, either names
  // its parameters well enough.
  const byPath = new Map<string, { methods: Set<string>; match: MatchFunction<Partial<Record<string, string>>> }>();
  for (const route of routes) {
    const entry = byPath.get(route.path) ?? { methods: new Set<string>(), match: match<Partial<Record<string, string>>>(route.path, { decode: false }) };
    entry.methods.add(route.method);
    byPath.set(route.path, entry);
  }
  const matchers = [...byPath.values()];

  return (req, res, next) => {
    const issues: Issue[] = [];
    if (notUtf8.has(req)) issues.push({ path: '', problem: 'not_utf8' });
    else if (req.body !== undefined) bodyIssues(req.body, issues);
    queryIssues(req.originalUrl, issues);
    pathIssues(req, matchers, issues);
    if (issues.length === 0) return next();

    const language = readerLanguage(req);
    sendProblem(req, res, 'invalid_input', {
      detail: {
        cy: 'Nid yw rhan o’r cais wedi’i ffurfio’n gywir (gweler errors); ni wnaed dim',
        en: 'Part of the request is not well-formed (see errors); nothing was done',
      },
      errors: issues.slice(0, maxIssues).map(({ path, problem }) => ({ path, message: messages[problem][language] })),
    });
  };
}
