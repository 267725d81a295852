import type { Bilingual } from '../bilingual.js';
import type { ClockedStage } from './policy.js';
import type { CaseEventWording } from '../case-audience.js';
import { eventWording, type CfpEventType } from './events.js';
import type { GroupAction, CfpStatus } from './status.js';

// How caseworkers, assessors and approvers read a CFP application: about the group, never to it ("the
// group sent", not "your group sent"), and saying what the case waits for and from whom. The group's own
// words are in ./status.ts and ./events.ts.

export const staffStatusWording: Record<CfpStatus, Bilingual> = {
  eoi_draft: { cy: 'Y grŵp yn drafftio’r mynegiant o ddiddordeb', en: 'Expression of interest being drafted by the group' },
  eoi_screening: { cy: 'Mynegiant o ddiddordeb wedi’i anfon: aros am sgrinio', en: 'Expression of interest sent: waiting for screening' },
  eoi_declined: { cy: 'Ar gau: gwrthodwyd y mynegiant o ddiddordeb wrth sgrinio', en: 'Closed: the expression of interest was declined at screening' },
  invited: { cy: 'Gwahoddwyd: aros am gais llawn y grŵp', en: 'Invited: waiting for the group’s full application' },
  full_application_expired: { cy: 'Ar gau: ni anfonwyd y cais llawn erbyn y dyddiad cau', en: 'Closed: the full application was not sent by the deadline' },
  assessment: { cy: 'Yn cael ei asesu: aros am sgoriau’r aseswyr', en: 'In assessment: waiting for the assessors’ scores' },
  moderation: { cy: 'Sgoriau’n rhy bell oddi wrth ei gilydd: aros am gymedroli', en: 'Scores too far apart: waiting for moderation' },
  recommendation: { cy: 'Wedi’i asesu: aros am argymhelliad y swyddog achos', en: 'Assessed: waiting for the case officer’s recommendation' },
  decision: { cy: 'Argymhellwyd: aros am benderfyniad gan gymeradwywr neu’r panel', en: 'Recommended: waiting for a decision by an approver or the panel' },
  deferred: { cy: 'Penderfyniad wedi’i ohirio: i ddod yn ôl i gael penderfyniad', en: 'Decision deferred: to come back for a decision' },
  rejected: { cy: 'Ar gau: gwrthodwyd wrth benderfynu', en: 'Closed: rejected at decision' },
  offered: { cy: 'Cynnig wedi’i anfon: aros i’r grŵp ei dderbyn neu ei wrthod', en: 'Offer sent: waiting for the group to accept or decline it' },
  accepted: { cy: 'Derbyniwyd y cynnig: gwnaed y dyfarniad', en: 'Offer accepted: the award is made' },
  offer_declined: { cy: 'Ar gau: gwrthododd y grŵp y cynnig', en: 'Closed: the group declined the offer' },
  offer_lapsed: { cy: 'Ar gau: daeth y cynnig i ben heb ateb', en: 'Closed: the offer lapsed unanswered' },
  withdrawn: { cy: 'Ar gau: tynnwyd y cais yn ôl', en: 'Closed: the application was withdrawn' },
};

export const staffGroupActionWording: Record<GroupAction, Bilingual> = {
  send_eoi: { cy: 'Aros i’r grŵp orffen ac anfon ei fynegiant o ddiddordeb', en: 'Waiting for the group to finish and send its expression of interest' },
  send_full_application: { cy: 'Aros i’r grŵp orffen ac anfon ei gais llawn', en: 'Waiting for the group to finish and send its full application' },
  answer_information_request: { cy: 'Aros i’r grŵp ateb y cais am wybodaeth', en: 'Waiting for the group to answer the request for information' },
  respond_to_offer: { cy: 'Aros i’r grŵp dderbyn neu wrthod y cynnig', en: 'Waiting for the group to accept or decline the offer' },
};

/** The stage the programme is working on, and the service-level date it is due by, as staff say it. */
export const staffNextStepWording: Record<ClockedStage, Bilingual> = {
  eoi_screening: { cy: 'Sgrinio’r mynegiant o ddiddordeb: i’w wneud erbyn y dyddiad hwn', en: 'Screen the expression of interest: due by this date' },
  assessment: { cy: 'Asesu’r cais llawn: i’w orffen erbyn y dyddiad hwn', en: 'Assess the full application: due by this date' },
  recommendation: {
    cy: 'Paratoi’r argymhelliad ar gyfer y penderfyniad: erbyn y dyddiad hwn',
    en: 'Prepare the recommendation for the decision: due by this date',
  },
  decision: { cy: 'Penderfynu ar y cais: erbyn y dyddiad hwn', en: 'Decide the application: due by this date' },
};

export const staffEventWording: Record<CfpEventType, Bilingual> = {
  'application.started': { cy: 'Dechreuodd y grŵp fynegiant o ddiddordeb', en: 'The group started an expression of interest' },
  'eoi.saved': { cy: 'Cadwodd y grŵp ei fynegiant o ddiddordeb', en: 'The group saved its expression of interest' },
  'eoi.submitted': { cy: 'Anfonodd y grŵp ei fynegiant o ddiddordeb i’w sgrinio', en: 'The group sent its expression of interest for screening' },
  'eoi.invited': { cy: 'Sgrinio: gwahoddwyd y grŵp i wneud cais llawn', en: 'Screening: the group was invited to make a full application' },
  'eoi.declined': { cy: 'Sgrinio: gwrthodwyd y mynegiant o ddiddordeb', en: 'Screening: the expression of interest was declined' },
  'full_application.saved': { cy: 'Cadwodd y grŵp ei gais llawn', en: 'The group saved its full application' },
  'full_application.reminder': {
    cy: 'Atgoffwyd y grŵp fod ei gais llawn yn ddyledus cyn bo hir',
    en: 'The group was reminded that its full application is due soon',
  },
  'full_application.submitted': { cy: 'Anfonodd y grŵp ei gais llawn: mae’r asesu’n dechrau', en: 'The group sent its full application: assessment begins' },
  'full_application.expired': { cy: 'Aeth dyddiad cau’r cais llawn heibio heb gais', en: 'The full application’s deadline passed without one' },
  'assessment.conflict_declared': { cy: 'Datganodd asesydd ei fuddiannau', en: 'An assessor declared their interests' },
  'assessment.scored': { cy: 'Sgoriodd asesydd y cais', en: 'An assessor scored the application' },
  'assessment.moderation_needed': {
    cy: 'Mae’r sgoriau’n rhy bell oddi wrth ei gilydd: mae angen cymedroli',
    en: 'The scores are too far apart: moderation is needed',
  },
  'assessment.moderated': { cy: 'Cymedrolwyd y sgoriau', en: 'The scores were moderated' },
  'assessment.completed': { cy: 'Gorffennwyd asesu: yn barod am argymhelliad', en: 'Assessment finished: ready for a recommendation' },
  'recommendation.made': {
    cy: 'Gwnaeth y swyddog achos argymhelliad: yn barod am benderfyniad',
    en: 'The case officer made a recommendation: ready for a decision',
  },
  'decision.approved': { cy: 'Cymeradwywyd wrth benderfynu', en: 'Approved at decision' },
  'decision.rejected': { cy: 'Gwrthodwyd wrth benderfynu', en: 'Rejected at decision' },
  'decision.deferred': { cy: 'Gohiriwyd y penderfyniad', en: 'The decision was deferred' },
  'offer.made': { cy: 'Anfonwyd y llythyr cynnig at y grŵp', en: 'The offer letter was sent to the group' },
  'offer.accepted': { cy: 'Derbyniodd y grŵp y cynnig: gwnaed y dyfarniad', en: 'The group accepted the offer: the award is made' },
  'offer.declined': { cy: 'Gwrthododd y grŵp y cynnig', en: 'The group declined the offer' },
  'offer.lapsed': { cy: 'Daeth y cynnig i ben heb ateb', en: 'The offer lapsed unanswered' },
  'information.requested': {
    cy: 'Gofynnwyd i’r grŵp am wybodaeth: mae cloc y cam wedi’i atal',
    en: 'Information was asked of the group: the stage’s clock is stopped',
  },
  'information.provided': { cy: 'Atebodd y grŵp y cais am wybodaeth', en: 'The group answered the request for information' },
  'information.partly_provided': {
    cy: 'Atebodd y grŵp ran o’r cais am wybodaeth: mae’r cais ar agor a’r cloc wedi’i atal o hyd',
    en: 'The group answered part of the request for information: the request stays open and the clock stopped',
  },
  'information.request_closed': {
    cy: 'Caewyd y cais am wybodaeth gan swyddog achos: mae cloc y cam yn rhedeg eto',
    en: 'A case officer closed the request for information: the stage’s clock runs again',
  },
  'information.overdue': { cy: 'Mae ateb y grŵp i’r cais am wybodaeth yn hwyr', en: 'The group’s answer to the request for information is overdue' },
  'application.withdrawn': { cy: 'Tynnwyd y cais yn ôl', en: 'The application was withdrawn' },
  'case_officer.assigned': { cy: 'Neilltuwyd swyddog achos', en: 'A case officer was assigned' },
  'note.added': { cy: 'Ychwanegwyd nodyn staff', en: 'A staff note was added' },
  'fast_track.set': { cy: 'Rhoddwyd yr achos ar y llwybr cyflym', en: 'The case was fast-tracked' },
  'fast_track.cleared': { cy: 'Tynnwyd yr achos oddi ar y llwybr cyflym', en: 'The case was taken off the fast track' },
  'deadline.extended': { cy: 'Estynnwyd dyddiad cau', en: 'A deadline was extended' },
  'service_level.breached': { cy: 'Methwyd lefel gwasanaeth y cam', en: 'The stage’s service level was missed' },
  'tenure.transfer_linked': {
    cy: 'Cysylltodd y grŵp drosglwyddiad ased cymunedol ar gyfer ei sicrwydd deiliadaeth',
    en: 'The group linked a community asset transfer for its security of tenure',
  },
  'tenure.met': { cy: 'Bodlonodd y trosglwyddiad ased amod y ddeiliadaeth', en: 'The asset transfer met the tenure condition' },
  'tenure.transfer_fell_through': {
    cy: 'Methodd y trosglwyddiad ased: mae angen penderfyniad ar amod y ddeiliadaeth',
    en: 'The asset transfer fell through: the tenure condition needs a decision',
  },
  'tenure.decided': { cy: 'Penderfynodd y swyddog achos ar amod y ddeiliadaeth', en: 'The case officer decided on the tenure condition' },
};

/** A CFP application's events for each audience; staff notes are for staff only. */
export const cfpEventAudiences: CaseEventWording<CfpEventType> = { group: eventWording, staff: staffEventWording, staffOnly: ['note.added'] };
