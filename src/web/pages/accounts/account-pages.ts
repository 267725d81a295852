import type { Route } from '../../../api/route-table.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { confirmEmailPages } from './confirm-email-pages.js';
import { createAccountPages } from './create-account-pages.js';
import { passwordPages } from './password-pages.js';

/** Every page about a person's own account. */
export function accountPages(deps: PageDependencies): Route[] {
  return [...createAccountPages(deps), ...confirmEmailPages(deps), ...passwordPages(deps)];
}
