import type { Bilingual } from '../bilingual.js';
import type { ClockedStage } from './policy.js';

/** While the group waits on the programme: what is being done, to be done by the stage's service level. */
export const nextStepWording: Record<ClockedStage, Bilingual> = {
  eoi_screening: {
    cy: 'Rydym yn sgrinio eich mynegiant o ddiddordeb: cewch wybod y canlyniad erbyn y dyddiad hwn',
    en: 'We are screening your expression of interest: you will hear the outcome by this date',
  },
  assessment: {
    cy: 'Rydym yn asesu eich cais llawn: cewch wybod pan fydd yr asesiad wedi’i orffen, erbyn y dyddiad hwn',
    en: 'We are assessing your full application: you will hear when the assessment is done, by this date',
  },
  recommendation: {
    cy: 'Mae’r swyddog achos yn paratoi argymhelliad ar gyfer y penderfyniad, erbyn y dyddiad hwn',
    en: 'The case officer is preparing a recommendation for the decision, by this date',
  },
  decision: {
    cy: 'Mae eich cais yn aros am benderfyniad: cewch wybod y penderfyniad erbyn y dyddiad hwn',
    en: 'Your application is waiting for a decision: you will hear the decision by this date',
  },
};

/** The grant's tenure condition, when it rests on a community asset transfer. */
export const tenureConditionWording: Record<'pending' | 'met' | 'fell_through' | 'waived' | 'awaiting_link', Bilingual> = {
  pending: { cy: 'Mae’r amod deiliadaeth yn aros i’r trosglwyddiad ased gael ei gwblhau', en: 'The tenure condition waits for the asset transfer to complete' },
  met: { cy: 'Mae’r amod deiliadaeth wedi’i fodloni gan y trosglwyddiad ased', en: 'The asset transfer meets the tenure condition' },
  fell_through: {
    cy: 'Ni fodlonodd y trosglwyddiad ased yr amod deiliadaeth: mae’r swyddog achos yn penderfynu beth nesaf',
    en: 'The asset transfer did not meet the tenure condition: the case officer is deciding what next',
  },
  waived: { cy: 'Mae’r swyddog achos wedi hepgor yr amod deiliadaeth', en: 'The case officer has waived the tenure condition' },
  awaiting_link: { cy: 'Cysylltwch drosglwyddiad ased arall i fodloni’r amod deiliadaeth', en: 'Link another asset transfer to meet the tenure condition' },
};
