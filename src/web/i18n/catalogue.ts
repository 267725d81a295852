import type { Bilingual, Language } from '../../domain/bilingual.js';

// One catalogue per area of the service (common, apply, …): a key per string, each in Welsh and in
// English. `Bilingual` makes both languages required by the type system; test/unit/web-catalogue.test.ts
// checks that neither is empty, that the Welsh is not the English left untranslated, and that every key
// is used and every key used exists.

export type Catalogue = Readonly<Record<string, Bilingual>>;

/** A catalogue, with its keys kept literal so a page can only ask for a key that exists. */
export function catalogue<const C extends Catalogue>(strings: C): C {
  return strings;
}

/** Placeholders in a string are `{name}`; each is replaced by its value, or left as it is when not given. */
export function fillIn(text: string, values: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

export function inLanguage(strings: Catalogue, key: string, language: Language, values?: Readonly<Record<string, string | number>>): string {
  const entry = strings[key];
  // A key missing at run time is a bug the catalogue test should have caught: show the key, never English.
  if (!entry) return key;
  return fillIn(entry[language], values);
}
