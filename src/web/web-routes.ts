import type { Route } from '../api/route-table.js';
import { withLanguageSwitch } from './language-switch.js';
import { awardPages } from './pages/awards/award-pages.js';
import { claimPages } from './pages/awards/claim-page.js';
import { homePages } from './pages/home.js';
import { signInPages } from './pages/sign-in.js';
import { assetRegisterPages } from './pages/transfers/asset-register.js';
import type { PageDependencies } from './page-dependencies.js';
import { transferCasePages } from './pages/transfers/transfer-case.js';
import { applicationCasePages } from './pages/applications/application-case.js';
import { dashboardPages } from './pages/applications/dashboard.js';
import { eoiPages } from './pages/applications/eoi-pages.js';

/** What the pages need: each group of pages takes the part it uses. */
export type WebDependencies = PageDependencies;

/** Every page the service serves, each with the policy action that guards it, in the API's route table. */
export function webRoutes(deps: WebDependencies): Route[] {
  const pages = [...homePages(deps), ...signInPages(deps), ...assetRegisterPages(deps), ...transferCasePages(deps), ...awardPages(deps), ...claimPages(deps)];
  // The group's CFP pages, after the others' (none of which takes an /applications address).
  pages.push(...groupApplicationPages(deps));
  // Every page read can switch language (the switcher's link is the page's own address with ?lang=).
  return pages.map((route) => (route.method === 'get' ? { ...route, handler: withLanguageSwitch(deps, route.handler) } : route));
}

/** A group's CFP pages; /applications/new before /applications/:reference, which would take "new" for a reference. */
function groupApplicationPages(deps: WebDependencies): Route[] {
  return [...dashboardPages(deps), ...eoiPages(deps), ...applicationCasePages(deps)];
}
