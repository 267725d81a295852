import { catalogue } from './catalogue.js';

/** What every page shares: the layout, the language switcher and the error pages. */
export const common = catalogue({
  'service.name': { cy: 'Cymuned: grantiau a throsglwyddo asedau cymunedol', en: 'Cymuned: community grants and asset transfer' },
  'service.phase': { cy: 'Alffa', en: 'Alpha' },
  'service.phaseBanner': {
    cy: 'Mae hwn yn wasanaeth newydd. Mae’n cael ei brofi ac nid yw’n cadw cofnodion go iawn eto.',
    en: 'This is a new service. It is being tested and does not keep real records yet.',
  },
  'layout.skipLink': { cy: 'Neidio i’r prif gynnwys', en: 'Skip to main content' },
  'layout.navigation': { cy: 'Dewislen', en: 'Menu' },
  'layout.language': { cy: 'Iaith', en: 'Language' },
  'layout.signIn': { cy: 'Mewngofnodi', en: 'Sign in' },
  'layout.signOut': { cy: 'Allgofnodi', en: 'Sign out' },
  'layout.signedInAs': { cy: 'Wedi mewngofnodi fel {name}', en: 'Signed in as {name}' },
  'layout.footerLicence': {
    cy: 'Mae’r holl gynnwys ar gael o dan y <a class="govuk-footer__link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence-cymraeg/version/3/" rel="license">Drwydded Llywodraeth Agored v3.0</a>, oni nodir yn wahanol',
    en: 'All content is available under the <a class="govuk-footer__link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">Open Government Licence v3.0</a>, except where otherwise stated',
  },
  'layout.copyright': { cy: '© Hawlfraint y Goron', en: '© Crown copyright' },
  'forms.textTooLong': { cy: 'Mae’r testun hwn yn rhy hir: byrhewch ef', en: 'This text is too long: shorten it' },
  'errors.summaryTitle': { cy: 'Mae problem', en: 'There is a problem' },
  'errors.notFound.title': { cy: 'Heb ddod o hyd i’r dudalen', en: 'Page not found' },
  'errors.notFound.body': {
    cy: 'Os gwnaethoch deipio’r cyfeiriad gwe, gwiriwch ei fod yn gywir. Os gwnaethoch ei gludo, gwiriwch eich bod wedi copïo’r cyfeiriad cyfan.',
    en: 'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.',
  },
  'errors.forbidden.title': { cy: 'Ni chewch weld y dudalen hon', en: 'You cannot see this page' },
  'errors.forbidden.body': {
    cy: 'Nid yw’r cyfrif rydych wedi mewngofnodi iddo yn cael gwneud hyn. Os yw’n perthyn i grŵp arall neu rôl arall, allgofnodwch a mewngofnodi gyda’r cyfrif cywir.',
    en: 'The account you are signed in with is not allowed to do this. If it belongs to another group or role, sign out and sign in with the right account.',
  },
  'errors.conflict.title': { cy: 'Ni ellir gwneud hyn nawr', en: 'This cannot be done now' },
  'errors.tooMany.title': { cy: 'Gormod o geisiadau', en: 'Too many requests' },
  'errors.unavailable.title': { cy: 'Mae’n ddrwg gennym, nid yw’r gwasanaeth ar gael', en: 'Sorry, the service is unavailable' },
  'errors.unavailable.body': { cy: 'Rhowch gynnig arall arni mewn ychydig funudau.', en: 'Try again in a few minutes.' },
  'errors.internal.title': { cy: 'Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth', en: 'Sorry, there is a problem with the service' },
  'errors.internal.body': {
    cy: 'Rhowch gynnig arall arni nes ymlaen. Os byddwch yn cysylltu â ni, rhowch y cyfeirnod hwn: {requestId}',
    en: 'Try again later. If you contact us, give this reference: {requestId}',
  },
  'errors.badRequest.title': { cy: 'Mae problem gyda’r cais', en: 'There is a problem with the request' },
  'errors.home': { cy: 'Mynd i’r dudalen gartref', en: 'Go to the home page' },
});
