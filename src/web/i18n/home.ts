import { catalogue } from './catalogue.js';

/** The start page, and signing in and out. */
export const home = catalogue({
  'home.title': { cy: 'Grantiau cyfleusterau cymunedol a throsglwyddo asedau', en: 'Community facilities grants and asset transfer' },
  'home.lead': {
    cy: 'Defnyddiwch y gwasanaeth hwn i wneud cais am grant y Rhaglen Cyfleusterau Cymunedol, neu i ofyn i gyngor drosglwyddo adeilad neu dir i’ch grŵp.',
    en: 'Use this service to apply for a Community Facilities Programme grant, or to ask a council to transfer a building or land to your group.',
  },
  'home.whoFor': {
    cy: 'Mae ar gyfer grwpiau cymunedol a gwirfoddol, elusennau a chynghorau cymuned yng Nghymru, ac ar gyfer y staff sy’n ymdrin â’u hachosion.',
    en: 'It is for community and voluntary groups, charities and community councils in Wales, and for the staff who handle their cases.',
  },
  'home.start': { cy: 'Mewngofnodi i ddechrau', en: 'Sign in to start' },
  'home.signedIn': { cy: 'Rydych wedi mewngofnodi fel {name}.', en: 'You are signed in as {name}.' },
  'signIn.title': { cy: 'Mewngofnodi', en: 'Sign in' },
  'signIn.email': { cy: 'Cyfeiriad e-bost', en: 'Email address' },
  'signIn.password': { cy: 'Cyfrinair', en: 'Password' },
  'signIn.submit': { cy: 'Mewngofnodi', en: 'Sign in' },
  'signIn.signedOutTitle': { cy: 'Pwysig', en: 'Important' },
  'signIn.signedOut': {
    cy: 'Cawsoch eich allgofnodi, felly ni chafodd yr hyn a anfonoch ei gadw. Mewngofnodwch, yna anfonwch ef eto.',
    en: 'You were signed out, so what you sent was not saved. Sign in, then send it again.',
  },
  'signIn.emailMissing': { cy: 'Rhowch eich cyfeiriad e-bost', en: 'Enter your email address' },
  'signIn.emailInvalid': {
    cy: 'Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.cymru',
    en: 'Enter an email address in the correct format, like name@example.com',
  },
  'signIn.passwordMissing': { cy: 'Rhowch eich cyfrinair', en: 'Enter your password' },
});
