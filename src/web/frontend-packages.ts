import { createRequire } from 'node:module';
import path from 'node:path';

// Where the design system's packages are installed: their templates are rendered and their built CSS,
// JavaScript, fonts and images served from there, never copied into ours.
const require = createRequire(import.meta.url);

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** govuk-frontend's dist/govuk: template.njk, components/, assets/, the built CSS and JavaScript. */
export const govukFrontendDir = path.join(packageDir('govuk-frontend'), 'dist', 'govuk');

/** @ministryofjustice/frontend's moj/: its components' templates and its built CSS and JavaScript. */
export const mojFrontendDir = path.join(packageDir('@ministryofjustice/frontend'), 'moj');
