import type { Route } from '../api/route-table.js';
import { withLanguageSwitch } from './language-switch.js';
import { accountPages } from './pages/accounts/account-pages.js';
import { awardPages } from './pages/awards/award-pages.js';
import { claimPages } from './pages/awards/claim-page.js';
import { homePages } from './pages/home.js';
import { signInPages } from './pages/sign-in.js';
import { assetRegisterPages } from './pages/transfers/asset-register.js';
import type { PageDependencies } from './page-dependencies.js';
import { transferCasePages } from './pages/transfers/transfer-case.js';

/** What the pages need: each group of pages takes the part it uses. */
export type WebDependencies = PageDependencies;

/** Every page the service serves, each with the policy action that guards it, in the API's route table. */
export function webRoutes(deps: WebDependencies): Route[] {
  const pages = [...homePages(deps), ...signInPages(deps), ...assetRegisterPages(deps), ...transferCasePages(deps), ...awardPages(deps), ...claimPages(deps)];
  pages.push(...accountPages(deps));
  // Every page read can switch language (the switcher's link is the page's own address with ?lang=).
  return pages.map((route) => (route.method === 'get' ? { ...route, handler: withLanguageSwitch(deps, route.handler) } : route));
}
