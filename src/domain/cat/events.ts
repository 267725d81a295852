import type { Bilingual } from '../bilingual.js';

// Every kind of event a transfer records, and how its timeline entry reads for the group and the body.
// Entries name bodies and roles, never officers, and never internal notes.

export const transferEventWording = {
  'transfer.started': { cy: 'Dechreuodd eich grŵp drosglwyddiad ased cymunedol', en: 'Your group started a community asset transfer' },
  'enquiry.answered': {
    cy: 'Atebodd y corff cyhoeddus yr ymholiad a’ch gwahodd i fynd ymlaen',
    en: 'The public body answered the enquiry and invited you to go on',
  },
  'expression_of_interest.submitted': { cy: 'Anfonodd eich grŵp fynegiant o ddiddordeb', en: 'Your group sent an expression of interest' },
  'business_plan.submitted': { cy: 'Anfonodd eich grŵp y cynllun busnes', en: 'Your group sent the business plan' },
  'gate.passed': { cy: 'Cytunwyd y gall y trosglwyddiad fynd ymlaen', en: 'It was agreed the transfer can go on' },
  'evaluation.recorded': { cy: 'Cofnodwyd y gwerthusiad a’r prisiad', en: 'The evaluation and valuation were recorded' },
  'decision.approved': { cy: 'Cymeradwywyd y trosglwyddiad', en: 'The transfer was approved' },
  'consent.granted': { cy: 'Rhoddodd Gweinidogion Cymru eu cydsyniad', en: 'The Welsh Ministers gave their consent' },
  'heads_of_terms.agreed': { cy: 'Cytunwyd ar benawdau’r telerau', en: 'Heads of terms were agreed' },
  'open_space.notice_published': { cy: 'Cyhoeddwyd hysbysiad gwaredu man agored', en: 'The open space disposal notice was published' },
  'open_space.objection_received': { cy: 'Daeth gwrthwynebiad i law', en: 'An objection was received' },
  'open_space.period_ended': { cy: 'Daeth y cyfnod gwrthwynebu i ben', en: 'The objection period ended' },
  'open_space.objections_considered': { cy: 'Ystyriwyd y gwrthwynebiadau a saif y penderfyniad', en: 'The objections were considered and the decision stands' },
  'transfer.completed': { cy: 'Cwblhawyd y trosglwyddiad', en: 'The transfer was completed' },
  'transfer.declined': { cy: 'Gwrthodwyd y trosglwyddiad', en: 'The transfer was declined' },
  'transfer.withdrawn': { cy: 'Tynnodd eich grŵp y trosglwyddiad yn ôl', en: 'Your group withdrew the transfer' },
  'transfer.lapsed': { cy: 'Daeth y trosglwyddiad i ben am na chafwyd ymateb mewn pryd', en: 'The transfer lapsed: no response came in time' },
  'group.reminder': { cy: 'Nodyn atgoffa: mae angen ymateb gan eich grŵp cyn bo hir', en: 'Reminder: a response from your group is due soon' },
  'monitoring.report_due': { cy: 'Mae’r adroddiad budd cymunedol blynyddol yn ddyledus', en: 'The annual community benefit report is due' },
  'monitoring.reminder': {
    cy: 'Nodyn atgoffa: mae’r adroddiad budd cymunedol yn ddyledus cyn bo hir',
    en: 'Reminder: the community benefit report is due soon',
  },
  'monitoring.report_received': { cy: 'Anfonodd eich grŵp yr adroddiad budd cymunedol', en: 'Your group sent the community benefit report' },
  'monitoring.overdue': { cy: 'Mae’r adroddiad budd cymunedol yn hwyr', en: 'The community benefit report is overdue' },
  'monitoring.completed': { cy: 'Daeth y cyfnod monitro i ben', en: 'The monitoring period ended' },
  'community_use.stopped': {
    cy: 'Daeth y defnydd cymunedol i ben a dychwelodd yr ased i’r corff cyhoeddus',
    en: 'Community use stopped and the asset returned to the public body',
  },
  'service_level.breached': { cy: 'Mae’r cam hwn wedi cymryd mwy o amser na’r disgwyl', en: 'This stage has taken longer than expected' },
  'case_officer.assigned': { cy: 'Neilltuwyd swyddog achos', en: 'A case officer was assigned' },
  'note.added': { cy: 'Ychwanegwyd nodyn staff', en: 'A staff note was added' },
  'grant.linked': { cy: 'Cysylltwyd cais grant CFP â’r trosglwyddiad hwn', en: 'A CFP grant application was linked to this transfer' },
} as const satisfies Record<string, Bilingual>;

export type TransferEventType = keyof typeof transferEventWording;
