import type { Bilingual } from '../bilingual.js';
import type { CaseEventWording } from '../case-audience.js';
import { transferEventWording, type TransferEventType } from './events.js';
import type { GroupAction, TransferStatus } from './status.js';

// How the owning body's asset officers (and programme staff) read a transfer: about the group, never to
// it, and saying what the case waits for. The group's own words are in ./status.ts and ./events.ts.

export const staffTransferStatusWording: Record<TransferStatus, Bilingual> = {
  enquiry: { cy: 'Ymholiad: aros am ateb y corff', en: 'Enquiry: waiting for the body’s answer' },
  expression_of_interest: { cy: 'Aros am fynegiant o ddiddordeb y grŵp', en: 'Waiting for the group’s expression of interest' },
  initial_assessment: { cy: 'Asesiad cychwynnol: aros am benderfyniad y porth', en: 'Initial assessment: waiting for the gate decision' },
  business_plan: { cy: 'Aros am gynllun busnes y grŵp', en: 'Waiting for the group’s business plan' },
  evaluation: { cy: 'Gwerthuso: y gwerthusiad a’r prisiad i’w cofnodi', en: 'Evaluation: the evaluation and valuation to record' },
  decision: { cy: 'Aros am y penderfyniad', en: 'Waiting for the decision gate' },
  ministers_consent: { cy: 'Aros am gydsyniad Gweinidogion Cymru i’r tanbrisiad', en: 'Waiting for the Welsh Ministers’ consent to the undervalue' },
  heads_of_terms: { cy: 'Penawdau’r telerau i’w cytuno', en: 'Heads of terms to agree' },
  open_space_notice: { cy: 'Man agored: yr hysbysiad gwaredu i’w gyhoeddi', en: 'Open space: the disposal notice to publish' },
  objection_period: { cy: 'Man agored: y cyfnod gwrthwynebu’n rhedeg', en: 'Open space: the objection period is running' },
  objections_consideration: { cy: 'Man agored: gwrthwynebiadau i’w hystyried', en: 'Open space: objections to weigh' },
  legal_completion: { cy: 'Y cwblhau cyfreithiol i’w gofnodi', en: 'Legal completion to record' },
  declined: { cy: 'Ar gau: gwrthodwyd', en: 'Closed: declined' },
  withdrawn: { cy: 'Ar gau: tynnwyd yn ôl gan y grŵp', en: 'Closed: withdrawn by the group' },
  lapsed: { cy: 'Ar gau: daeth i ben am na atebodd y grŵp mewn pryd', en: 'Closed: lapsed, the group did not answer in time' },
  transferred: { cy: 'Trosglwyddwyd', en: 'Transferred' },
  monitoring: { cy: 'Trosglwyddwyd: adroddiadau budd cymunedol blynyddol yn ddyledus', en: 'Transferred: annual community benefit reports due' },
  monitoring_complete: { cy: 'Trosglwyddwyd: monitro wedi gorffen', en: 'Transferred: monitoring finished' },
  returned: { cy: 'Daeth y defnydd cymunedol i ben: dychwelodd yr ased i’r corff', en: 'Community use stopped: the asset returned to the body' },
};

export const staffGroupActionWording: Record<GroupAction, Bilingual> = {
  send_expression_of_interest: { cy: 'Aros am fynegiant o ddiddordeb y grŵp', en: 'Waiting for the group’s expression of interest' },
  send_business_plan: { cy: 'Aros am gynllun busnes y grŵp', en: 'Waiting for the group’s business plan' },
  send_community_benefit_report: { cy: 'Aros am adroddiad budd cymunedol blynyddol y grŵp', en: 'Waiting for the group’s annual community benefit report' },
};

export const staffTransferEventWording: Record<TransferEventType, Bilingual> = {
  'transfer.started': { cy: 'Dechreuodd y grŵp drosglwyddiad gyda’i ymholiad', en: 'The group started a transfer with its enquiry' },
  'enquiry.answered': { cy: 'Atebwyd yr ymholiad: gwahoddwyd y grŵp i fynd ymlaen', en: 'The enquiry was answered: the group was invited to go on' },
  'expression_of_interest.submitted': { cy: 'Anfonodd y grŵp ei fynegiant o ddiddordeb', en: 'The group sent its expression of interest' },
  'business_plan.submitted': { cy: 'Anfonodd y grŵp ei gynllun busnes', en: 'The group sent its business plan' },
  'gate.passed': { cy: 'Pasiwyd porth', en: 'A gate was passed' },
  'evaluation.recorded': { cy: 'Cofnodwyd y gwerthusiad a’r prisiad', en: 'The evaluation and valuation were recorded' },
  'decision.approved': { cy: 'Cymeradwywyd y trosglwyddiad', en: 'The transfer was approved' },
  'consent.granted': { cy: 'Cydsyniodd Gweinidogion Cymru i’r tanbrisiad', en: 'The Welsh Ministers consented to the undervalue' },
  'heads_of_terms.agreed': { cy: 'Cytunwyd ar benawdau’r telerau', en: 'Heads of terms were agreed' },
  'open_space.notice_published': {
    cy: 'Cyhoeddwyd yr hysbysiad gwaredu man agored: mae’r cyfnod gwrthwynebu wedi dechrau',
    en: 'The open space disposal notice was published: the objection period has begun',
  },
  'open_space.objection_received': { cy: 'Cofnodwyd gwrthwynebiad', en: 'An objection was recorded' },
  'open_space.period_ended': { cy: 'Daeth y cyfnod gwrthwynebu i ben', en: 'The objection period ended' },
  'open_space.objections_considered': { cy: 'Ystyriwyd y gwrthwynebiadau: saif y penderfyniad', en: 'The objections were weighed: the decision stands' },
  'transfer.completed': { cy: 'Cofnodwyd y cwblhau cyfreithiol', en: 'Legal completion was recorded' },
  'transfer.declined': { cy: 'Gwrthodwyd y trosglwyddiad', en: 'The transfer was declined' },
  'transfer.withdrawn': { cy: 'Tynnodd y grŵp y trosglwyddiad yn ôl', en: 'The group withdrew the transfer' },
  'transfer.lapsed': { cy: 'Daeth y trosglwyddiad i ben am na atebodd y grŵp mewn pryd', en: 'The transfer lapsed: the group did not answer in time' },
  'group.reminder': { cy: 'Atgoffwyd y grŵp fod ei ymateb yn ddyledus cyn bo hir', en: 'The group was reminded that its response is due soon' },
  'monitoring.report_due': { cy: 'Mae adroddiad budd cymunedol blynyddol y grŵp yn ddyledus', en: 'The group’s annual community benefit report is due' },
  'monitoring.reminder': {
    cy: 'Atgoffwyd y grŵp fod ei adroddiad budd cymunedol yn ddyledus cyn bo hir',
    en: 'The group was reminded that its community benefit report is due soon',
  },
  'monitoring.report_received': { cy: 'Anfonodd y grŵp ei adroddiad budd cymunedol', en: 'The group sent its community benefit report' },
  'monitoring.overdue': { cy: 'Mae adroddiad budd cymunedol y grŵp yn hwyr', en: 'The group’s community benefit report is overdue' },
  'monitoring.completed': { cy: 'Daeth y cyfnod monitro i ben', en: 'The monitoring period ended' },
  'community_use.stopped': { cy: 'Daeth y defnydd cymunedol i ben: dychwelodd yr ased i’r corff', en: 'Community use stopped: the asset returned to the body' },
  'service_level.breached': { cy: 'Methwyd lefel gwasanaeth y cam', en: 'The stage’s service level was missed' },
  'case_officer.assigned': { cy: 'Neilltuwyd swyddog achos', en: 'A case officer was assigned' },
  'note.added': { cy: 'Ychwanegwyd nodyn staff', en: 'A staff note was added' },
  'grant.linked': { cy: 'Cysylltwyd cais grant CFP â’r trosglwyddiad hwn', en: 'A CFP grant application was linked to this transfer' },
};

/** A transfer's events for each audience; staff notes are for staff only. */
export const transferEventAudiences: CaseEventWording<TransferEventType> = {
  group: transferEventWording,
  staff: staffTransferEventWording,
  staffOnly: ['note.added'],
};
