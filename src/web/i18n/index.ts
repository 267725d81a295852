import type { Language } from '../../domain/bilingual.js';
import { inLanguage } from './catalogue.js';
import { awards } from './awards.js';
import { common } from './common.js';
import { home } from './home.js';
import { organisations } from './organisations.js';
import { offers } from './offers.js';
import { transfers } from './transfers.js';
import { accounts } from './accounts.js';
import { applications } from './applications.js';

/** Every catalogue of the web pages; a key belongs to one of them only (test/unit/web-catalogue.test.ts). */
export const catalogues = { common, home, transfers, awards, accounts, organisations, applications, offers } as const;

export const strings = { ...common, ...home, ...transfers, ...awards, ...accounts, ...organisations, ...applications, ...offers };

export type MessageKey = keyof typeof strings;

/** The page's string for `key`, with `{name}` placeholders filled in. */
export function translate(key: MessageKey, language: Language, values?: Readonly<Record<string, string | number>>): string {
  return inLanguage(strings, key, language, values);
}
