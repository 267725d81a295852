// Progressive enhancement only: every page works without this file.
import { initAll } from '/assets/govuk-frontend.min.js';
import { followLiveCases } from '/assets/live-case.js';

initAll();
followLiveCases();

// GOV.UK Frontend marks a radio that reveals a conditional field with aria-expanded, which ARIA does not
// allow on a radio (axe-core's aria-allowed-attr). The field follows its radio in reading order and
// aria-controls still names it, so aria-expanded is taken off again as soon as it is put on.
const withoutExpanded = (input) => {
  if (input instanceof HTMLInputElement && input.type === 'radio') input.removeAttribute('aria-expanded');
};
document.querySelectorAll('input[type="radio"][aria-expanded]').forEach(withoutExpanded);
new MutationObserver((changes) => {
  for (const change of changes) if (change.target.hasAttribute('aria-expanded')) withoutExpanded(change.target);
}).observe(document.body, { attributes: true, attributeFilter: ['aria-expanded'], subtree: true });
