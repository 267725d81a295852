import type { Bilingual } from '../bilingual.js';

// Every kind of event a CFP application records, and how its timeline entry reads. Entries name roles,
// never staff, and never show internal content (scores, notes): those stay in the event's payload.

export const eventWording = {
  'application.started': { cy: 'Dechreuodd eich grŵp fynegiant o ddiddordeb', en: 'Your group started an expression of interest' },
  'eoi.saved': { cy: 'Cadwyd y mynegiant o ddiddordeb', en: 'The expression of interest was saved' },
  'eoi.submitted': { cy: 'Anfonodd eich grŵp y mynegiant o ddiddordeb', en: 'Your group sent the expression of interest' },
  'eoi.invited': { cy: 'Fe’ch gwahoddwyd i wneud cais llawn', en: 'You were invited to make a full application' },
  'eoi.declined': { cy: 'Ni chawsoch eich gwahodd i wneud cais llawn', en: 'You were not invited to make a full application' },
  'full_application.saved': { cy: 'Cadwyd y cais llawn', en: 'The full application was saved' },
  'full_application.reminder': { cy: 'Nodyn atgoffa: mae’r cais llawn i’w anfon cyn bo hir', en: 'Reminder: the full application is due soon' },
  'full_application.submitted': { cy: 'Anfonodd eich grŵp y cais llawn', en: 'Your group sent the full application' },
  'full_application.expired': { cy: 'Aeth y dyddiad cau heibio heb gais llawn', en: 'The deadline passed without a full application' },
  'assessment.conflict_declared': { cy: 'Gwnaeth asesydd ddatganiad buddiant', en: 'An assessor made a declaration of interest' },
  'assessment.scored': { cy: 'Sgoriodd asesydd y cais', en: 'An assessor scored the application' },
  'assessment.moderation_needed': { cy: 'Mae’r sgoriau’n cael eu cymedroli', en: 'The scores are being moderated' },
  'assessment.moderated': { cy: 'Cytunwyd ar y sgoriau', en: 'The scores were agreed' },
  'assessment.completed': { cy: 'Gorffennwyd asesu’r cais', en: 'Assessment of the application finished' },
  'recommendation.made': { cy: 'Gwnaeth y swyddog achos argymhelliad', en: 'The case officer made a recommendation' },
  'decision.approved': { cy: 'Cymeradwywyd grant', en: 'A grant was approved' },
  'decision.rejected': { cy: 'Ni chafodd y cais ei gymeradwyo', en: 'The application was not approved' },
  'decision.deferred': { cy: 'Gohiriwyd y penderfyniad', en: 'The decision was put off' },
  'offer.made': { cy: 'Anfonwyd llythyr cynnig grant atoch', en: 'A grant offer letter was sent to you' },
  'offer.accepted': { cy: 'Derbyniodd eich grŵp y cynnig grant', en: 'Your group accepted the grant offer' },
  'offer.declined': { cy: 'Gwrthododd eich grŵp y cynnig grant', en: 'Your group declined the grant offer' },
  'offer.lapsed': { cy: 'Daeth y cynnig grant i ben heb ei dderbyn', en: 'The grant offer lapsed without being accepted' },
  'information.requested': { cy: 'Gofynnodd y swyddog achos am ragor o wybodaeth', en: 'The case officer asked for more information' },
  'information.provided': { cy: 'Anfonodd eich grŵp y wybodaeth y gofynnwyd amdani', en: 'Your group sent the information asked for' },
  'information.partly_provided': {
    cy: 'Anfonodd eich grŵp ran o’r wybodaeth y gofynnwyd amdani: mae’r cais yn dal ar agor',
    en: 'Your group sent part of the information asked for: the request is still open',
  },
  'information.request_closed': { cy: 'Caeodd y swyddog achos y cais am wybodaeth', en: 'The case officer closed the request for information' },
  'information.overdue': { cy: 'Mae’r wybodaeth y gofynnwyd amdani yn hwyr', en: 'The information asked for is overdue' },
  'application.withdrawn': { cy: 'Tynnwyd y cais yn ôl', en: 'The application was withdrawn' },
  'case_officer.assigned': { cy: 'Mae gan eich cais swyddog achos newydd', en: 'Your application has a new case officer' },
  'note.added': { cy: 'Ychwanegwyd nodyn at yr achos', en: 'A note was added to the case' },
  'fast_track.set': { cy: 'Bydd eich cais yn cael ei drin ar frys', en: 'Your application will be dealt with urgently' },
  'fast_track.cleared': { cy: 'Ni fydd eich cais yn cael ei drin ar frys mwyach', en: 'Your application is no longer being dealt with urgently' },
  'deadline.extended': { cy: 'Symudwyd dyddiad cau', en: 'A deadline was moved' },
  'service_level.breached': { cy: 'Mae’r cam hwn yn cymryd mwy o amser na’r disgwyl', en: 'This stage is taking longer than expected' },
  'tenure.transfer_linked': {
    cy: 'Cysylltwyd trosglwyddiad ased cymunedol fel y llwybr at sicrwydd deiliadaeth',
    en: 'A community asset transfer was linked as the route to security of tenure',
  },
  'tenure.met': {
    cy: 'Cwblhawyd y trosglwyddiad ased: mae amod y ddeiliadaeth wedi’i fodloni',
    en: 'The asset transfer completed: the tenure condition is met',
  },
  'tenure.transfer_fell_through': {
    cy: 'Ni roddodd y trosglwyddiad ased y ddeiliadaeth sydd ei hangen: bydd y swyddog achos yn penderfynu',
    en: 'The asset transfer did not give the tenure needed: the case officer will decide',
  },
  'tenure.decided': { cy: 'Penderfynodd y swyddog achos ar amod y ddeiliadaeth', en: 'The case officer decided on the tenure condition' },
} satisfies Record<string, Bilingual>;

export type CfpEventType = keyof typeof eventWording;
