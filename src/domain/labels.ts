import type { Bilingual } from './bilingual.js';
import type { AnswerField } from './cfp/answers.js';

// The names people read for what the code calls by an identifier: a CFP application's questions and the
// kinds of document a group sends with a transfer. A refusal that names a question or a document names it
// in the reader's language with these, never as `projectSummary` or `governing_document`.

/** Each question of a CFP expression of interest and full application, as the forms call it. */
export const answerFieldLabels: Record<AnswerField, Bilingual> = {
  projectSummary: { cy: 'crynodeb o’r prosiect', en: 'project summary' },
  facility: { cy: 'y cyfleuster', en: 'the facility' },
  requestedPence: { cy: 'y swm y gofynnir amdano', en: 'amount requested' },
  totalCostPence: { cy: 'cyfanswm cost y prosiect', en: 'total cost of the project' },
  governance: { cy: 'llywodraethu', en: 'governance' },
  partners: { cy: 'partneriaid', en: 'partners' },
  tenure: { cy: 'deiliadaeth', en: 'tenure' },
  projectDescription: { cy: 'disgrifiad o’r prosiect', en: 'project description' },
  communityNeed: { cy: 'angen y gymuned', en: 'community need' },
  localUse: { cy: 'defnydd lleol', en: 'local use' },
  deliveryPlan: { cy: 'cynllun cyflawni', en: 'delivery plan' },
  sustainability: { cy: 'cynaliadwyedd', en: 'sustainability' },
  matchFunding: { cy: 'arian cyfatebol', en: 'match funding' },
};

/**
 * The kinds of document a transfer process may ask for (config/transfers/processes.json): loading a
 * process that asks for a kind not named here fails, so every document a refusal names has both names.
 */
export const documentKindLabels: Record<string, Bilingual> = {
  governing_document: { cy: 'dogfen lywodraethu', en: 'governing document' },
  constitution: { cy: 'cyfansoddiad', en: 'constitution' },
  business_plan: { cy: 'cynllun busnes', en: 'business plan' },
  financial_projections: { cy: 'rhagolygon ariannol', en: 'financial projections' },
  insurance: { cy: 'yswiriant', en: 'insurance' },
  accounts: { cy: 'cyfrifon', en: 'accounts' },
};

/** `labels` in a list, as a refusal names them: "x, y, z" in each language. */
export function labelList(labels: readonly Bilingual[]): Bilingual {
  return { cy: labels.map((label) => label.cy).join(', '), en: labels.map((label) => label.en).join(', ') };
}

/** A document kind's names; a kind nobody configured (a group may send any kind) is shown as it came. */
export function documentKindLabel(kind: string): Bilingual {
  return Object.hasOwn(documentKindLabels, kind) ? (documentKindLabels[kind] as Bilingual) : { cy: kind, en: kind };
}
