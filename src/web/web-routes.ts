import type { Route } from '../api/route-table.js';
import type { PrismaClient } from '../db/prisma.js';
import { withLanguageSwitch } from './language-switch.js';
import type { PageContext } from './render.js';
import { homePages } from './pages/home.js';
import { signInPages } from './pages/sign-in.js';

export interface WebDependencies extends PageContext {
  prisma: PrismaClient;
}

/** Every page the service serves, each with the policy action that guards it, in the API's route table. */
export function webRoutes(deps: WebDependencies): Route[] {
  const pages = [...homePages(deps), ...signInPages(deps)];
  // Every page read can switch language (the switcher's link is the page's own address with ?lang=).
  return pages.map((route) => (route.method === 'get' ? { ...route, handler: withLanguageSwitch(deps, route.handler) } : route));
}
