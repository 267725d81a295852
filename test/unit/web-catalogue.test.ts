import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogues, strings } from '../../src/web/i18n/index.js';
import { createViews } from '../../src/web/nunjucks.js';

// Every string of the pages in both languages, none missing or left in English, none unused; and every
// template rendered in both languages without a key it cannot find.

const webDir = fileURLToPath(new URL('../../src/web', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const sources = filesUnder(webDir).filter((file) => /\.(njk|ts)$/.test(file) && !file.includes(`${path.sep}i18n${path.sep}`));

/** Keys the templates and page code name: t("…") in templates, and 'area.key' strings in code. */
function keysNamed(): Set<string> {
  const named = new Set<string>();
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*["']([\w.]+)["']/g)) named.add(match[1] ?? '');
    for (const match of text.matchAll(/["']((?:[a-z][A-Za-z]*\.)+[a-z][A-Za-z]*)["']/g)) if (Object.hasOwn(strings, match[1] ?? '')) named.add(match[1] ?? '');
  }
  return named;
}

/** Strings that are rightly the same in both languages: none yet. */
const sameInBothLanguages = new Set<string>();

describe('the pages’ catalogue of strings', () => {
  it('has every key in Welsh and in English, neither empty, the Welsh not left in English', () => {
    const problems: string[] = [];
    for (const [key, text] of Object.entries(strings)) {
      if (!text.cy.trim()) problems.push(`${key}: no Welsh`);
      if (!text.en.trim()) problems.push(`${key}: no English`);
      if ((text.cy as string) === text.en && !sameInBothLanguages.has(key)) problems.push(`${key}: the Welsh is the English`);
    }
    expect(problems).toEqual([]);
  });

  it('gives each key to one catalogue only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [area, entries] of Object.entries(catalogues)) {
      for (const key of Object.keys(entries)) {
        if (seen.has(key)) twice.push(`${key} in ${seen.get(key)} and ${area}`);
        seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
  });

  it('has no key that no page uses, and no page names a key it lacks', () => {
    const named = keysNamed();
    expect(Object.keys(strings).filter((key) => !named.has(key))).toEqual([]);
    const templatesKeys = new Set<string>();
    for (const file of sources.filter((file) => file.endsWith('.njk'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*["']([\w.]+)["']/g)) templatesKeys.add(match[1] ?? '');
    }
    expect([...templatesKeys].filter((key) => !Object.hasOwn(strings, key))).toEqual([]);
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const differing = Object.entries(strings)
      .filter(([, text]) => JSON.stringify(placeholders(text.cy)) !== JSON.stringify(placeholders(text.en)))
      .map(([key]) => key);
    expect(differing).toEqual([]);
  });
});

describe('every page template', () => {
  const views = createViews();
  const pages = filesUnder(path.join(webDir, 'views', 'pages')).map((file) => path.relative(path.join(webDir, 'views'), file));
  // Enough context for every branch a template has: signed in, with errors, each error status.
  const contexts = [
    { status: 404, heading: 'errors.notFound.title', values: {}, errors: {}, errorList: [] },
    { status: 500, heading: 'errors.internal.title', requestId: 'req-1', signedIn: { name: 'Siân' }, csrfToken: () => 't' },
    { status: 403, heading: 'errors.forbidden.title', values: { email: 'a@b' }, errors: { email: 'x' }, errorList: [{ href: '#email', text: 'x' }] },
    { status: 503, heading: 'errors.unavailable.title' },
  ];

  it.each(pages.flatMap((template) => (['cy', 'en'] as const).map((language) => [template, language] as const)))(
    '%s renders in %s with every string found',
    (template, language) => {
      for (const context of contexts) {
        const missing: string[] = [];
        const t = (key: string, values?: Record<string, string>) => {
          const text = strings[key as keyof typeof strings];
          if (!text) {
            missing.push(key);
            return key;
          }
          // As fillIn does: a value given, even one this bare context lacks, fills its placeholder.
          return text[language].replace(/\{(\w+)\}/g, (whole, name: string) => (values && Object.hasOwn(values, name) ? String(values[name]) : whole));
        };
        const html = views.render(template, {
          language,
          t,
          switchLinks: { cy: '/?lang=cy', en: '/?lang=en' },
          currentPath: '/',
          csrfToken: () => 'token',
          newFormKey: () => 'key',
          ...context,
        });
        expect(missing).toEqual([]);
        expect(html).toContain(`<html lang="${language}"`);
        expect(html).not.toMatch(/\{\w+\}/);
      }
    },
  );
});
