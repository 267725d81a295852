import type { Route } from '../../api/route-table.js';
import { renderPage, type PageContext } from '../render.js';

/** The start page: what the service is for, and the way in. */
export function homePages(context: PageContext): Route[] {
  return [{ method: 'get', path: '/', action: 'page.read', page: true, handler: (req, res) => renderPage(req, res, context, 'pages/home.njk') }];
}
