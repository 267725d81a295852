import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatPounds } from '../domain/money.js';
import { readableDate } from '../domain/wales-time.js';
import { govukFrontendDir, mojFrontendDir } from './frontend-packages.js';

const viewsDir = fileURLToPath(new URL('./views', import.meta.url));

/**
 * The pages' template environment: our views, and GOV.UK Frontend's and MoJ Frontend's own templates and
 * macros ("govuk/components/…", "moj/components/…"). Autoescaping is on: text is escaped unless a template
 * says otherwise. Filters take the page's language from the context (`language`), set by renderPage.
 */
export function createViews(): nunjucks.Environment {
  const views = new nunjucks.Environment(new nunjucks.FileSystemLoader([viewsDir, path.dirname(govukFrontendDir), path.dirname(mojFrontendDir)]), {
    autoescape: true,
    throwOnUndefined: false,
  });
  views.addFilter('readableDate', function (this: { ctx: { language: 'cy' | 'en' } }, instant: string | Date, style?: 'day' | 'dayAndTime') {
    return readableDate(instant, this.ctx.language, style);
  });
  // MoJ Frontend's timeline writes each item's time with `date(item.datetime.format)`, inside its macro,
  // where the page's context is out of reach: the page gives the language as the format.
  views.addFilter('date', (instant: string | Date, language: 'cy' | 'en') => readableDate(instant, language, 'dayAndTime'));
  views.addFilter('pounds', (pence: number | bigint) => formatPounds(pence));
  return views;
}
