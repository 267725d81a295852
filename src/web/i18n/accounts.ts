import { catalogue } from './catalogue.js';

/** A person's own account: creating it, confirming its email address, forgotten and changed passwords. */
export const accounts = catalogue({
  'account.nameMissing': { cy: 'Rhowch eich enw', en: 'Enter your name' },
  'account.emailMissing': { cy: 'Rhowch eich cyfeiriad e-bost', en: 'Enter your email address' },
  'account.emailInvalid': {
    cy: 'Rhowch gyfeiriad e-bost yn y ffurf gywir, fel enw@enghraifft.cymru',
    en: 'Enter an email address in the correct format, like name@example.com',
  },
  'account.passwordMissing': { cy: 'Dewiswch gyfrinair', en: 'Choose a password' },
  'account.passwordTooLong': { cy: 'Mae’r cyfrinair yn rhy hir', en: 'The password is too long' },
  'account.languageMissing': { cy: 'Dewiswch Gymraeg neu Saesneg', en: 'Choose Welsh or English' },
  'account.newPasswordMissing': { cy: 'Dewiswch gyfrinair newydd', en: 'Choose a new password' },
  'account.currentPasswordMissing': { cy: 'Rhowch eich cyfrinair presennol', en: 'Enter your current password' },

  'account.create.title': { cy: 'Creu cyfrif', en: 'Create an account' },
  'account.create.lead': {
    cy: 'Gyda chyfrif, gallwch wneud cais am grant a dilyn eich achos. Byddwn yn anfon dolen i’ch cyfeiriad e-bost i’w gadarnhau.',
    en: 'With an account you can apply for a grant and follow your case. We will send a link to your email address to confirm it.',
  },
  'account.create.name': { cy: 'Eich enw llawn', en: 'Your full name' },
  'account.create.email': { cy: 'Cyfeiriad e-bost', en: 'Email address' },
  'account.create.password': { cy: 'Creu cyfrinair', en: 'Create a password' },
  'account.passwordHint': {
    cy: 'O leiaf 12 nod. Mae sawl gair at ei gilydd yn hawdd ei gofio ac yn anodd ei ddyfalu.',
    en: 'At least 12 characters. Several words together are easy to remember and hard to guess.',
  },
  'account.create.language': { cy: 'Ym mha iaith yr hoffech gael negeseuon gennym?', en: 'Which language would you like us to write to you in?' },
  'account.language.cy': { cy: 'Cymraeg', en: 'Welsh' },
  'account.language.en': { cy: 'Saesneg', en: 'English' },
  'account.create.submit': { cy: 'Creu cyfrif', en: 'Create account' },
  'account.create.haveAccount': { cy: 'Oes gennych gyfrif eisoes? Mewngofnodwch', en: 'Already have an account? Sign in' },

  'account.checkEmail.title': { cy: 'Gwiriwch eich e-bost', en: 'Check your email' },
  'account.checkEmail.account': {
    cy: 'Rydym wedi anfon e-bost i’r cyfeiriad a roesoch. Agorwch y ddolen ynddo i gadarnhau eich cyfeiriad a mewngofnodi.',
    en: 'We have sent an email to the address you gave. Open the link in it to confirm your address and sign in.',
  },
  'account.checkEmail.password': {
    cy: 'Os oes gan y cyfeiriad a roesoch gyfrif, rydym wedi anfon e-bost ato gyda dolen i ddewis cyfrinair newydd.',
    en: 'If the address you gave has an account, we have sent it an email with a link to choose a new password.',
  },
  'account.checkEmail.spam': {
    cy: 'Gall gymryd ychydig funudau i gyrraedd. Os nad yw yno, edrychwch yn eich ffolder sothach.',
    en: 'It can take a few minutes to arrive. If it is not there, look in your spam folder.',
  },
  'account.checkEmail.resend': { cy: 'Heb gael yr e-bost? Gofynnwch am ddolen newydd', en: 'Not received the email? Ask for a new link' },

  'account.confirm.title': { cy: 'Cadarnhau eich cyfeiriad e-bost', en: 'Confirm your email address' },
  'account.confirm.lead': {
    cy: 'Dewiswch y botwm i gadarnhau mai chi piau’r cyfeiriad e-bost hwn. Byddwch wedyn wedi mewngofnodi.',
    en: 'Choose the button to confirm this email address is yours. You will then be signed in.',
  },
  'account.confirm.submit': { cy: 'Cadarnhau a mewngofnodi', en: 'Confirm and sign in' },

  'account.resend.title': { cy: 'Anfon dolen newydd i gadarnhau eich cyfeiriad e-bost', en: 'Send a new link to confirm your email address' },
  'account.resend.lead': {
    cy: 'Rhowch y cyfeiriad e-bost a roesoch wrth greu eich cyfrif. Os yw’n aros i gael ei gadarnhau, byddwn yn anfon dolen newydd ato.',
    en: 'Enter the email address you gave when you created your account. If it is waiting to be confirmed, we will send it a new link.',
  },
  'account.resend.submit': { cy: 'Anfon dolen newydd', en: 'Send a new link' },

  'account.link.unknownTitle': { cy: 'Nid yw’r ddolen hon yn gweithio', en: 'This link does not work' },
  'account.link.unknownBody': {
    cy: 'Gwiriwch eich bod wedi copïo’r ddolen gyfan o’r e-bost. Os yw’n dal i beidio â gweithio, gofynnwch am un newydd.',
    en: 'Check you copied the whole link from the email. If it still does not work, ask for a new one.',
  },
  'account.link.usedTitle': { cy: 'Mae’r ddolen hon wedi cael ei defnyddio', en: 'This link has been used' },
  'account.link.usedBody': {
    cy: 'Dim ond unwaith y mae pob dolen yn gweithio. Os ydych wedi ei defnyddio eisoes, gallwch fewngofnodi. Fel arall, gofynnwch am un newydd.',
    en: 'Each link works once only. If you have used it already, you can sign in. Otherwise, ask for a new one.',
  },
  'account.link.expiredTitle': { cy: 'Mae’r ddolen hon wedi dod i ben', en: 'This link has expired' },
  'account.link.expiredBody': {
    cy: 'Dim ond am gyfnod byr y mae pob dolen yn gweithio, er mwyn cadw eich cyfrif yn ddiogel. Gofynnwch am un newydd.',
    en: 'Each link works for a short time only, to keep your account safe. Ask for a new one.',
  },
  'account.link.newConfirmation': { cy: 'Anfon dolen newydd i gadarnhau eich cyfeiriad e-bost', en: 'Send a new link to confirm your email address' },
  'account.link.newReset': { cy: 'Anfon dolen newydd i ailosod eich cyfrinair', en: 'Send a new link to reset your password' },
  'account.link.signIn': { cy: 'Mewngofnodi', en: 'Sign in' },

  'account.forgotten.title': { cy: 'Wedi anghofio eich cyfrinair', en: 'Forgotten your password' },
  'account.forgotten.lead': {
    cy: 'Rhowch gyfeiriad e-bost eich cyfrif. Byddwn yn anfon dolen ato i ddewis cyfrinair newydd.',
    en: 'Enter the email address of your account. We will send it a link to choose a new password.',
  },
  'account.forgotten.submit': { cy: 'Anfon y ddolen', en: 'Send the link' },

  'account.reset.title': { cy: 'Dewis cyfrinair newydd', en: 'Choose a new password' },
  'account.reset.lead': {
    cy: 'Bydd dewis cyfrinair newydd yn eich allgofnodi ym mhob man arall, ac yn eich mewngofnodi yma.',
    en: 'Choosing a new password signs you out everywhere else, and signs you in here.',
  },
  'account.reset.password': { cy: 'Cyfrinair newydd', en: 'New password' },
  'account.reset.submit': { cy: 'Cadw’r cyfrinair a mewngofnodi', en: 'Save password and sign in' },

  'account.change.title': { cy: 'Newid eich cyfrinair', en: 'Change your password' },
  'account.change.lead': {
    cy: 'Bydd newid eich cyfrinair yn eich allgofnodi ar bob dyfais arall. Byddwch yn aros wedi mewngofnodi yma.',
    en: 'Changing your password signs you out on every other device. You stay signed in here.',
  },
  'account.change.current': { cy: 'Cyfrinair presennol', en: 'Current password' },
  'account.change.new': { cy: 'Cyfrinair newydd', en: 'New password' },
  'account.change.submit': { cy: 'Newid y cyfrinair', en: 'Change password' },
  'account.change.done': { cy: 'Mae eich cyfrinair wedi newid', en: 'Your password has been changed' },
  'account.change.doneTitle': { cy: 'Llwyddiant', en: 'Success' },

  'account.signIn.create': { cy: 'Creu cyfrif', en: 'Create an account' },
  'account.signIn.forgotten': { cy: 'Wedi anghofio eich cyfrinair?', en: 'Forgotten your password?' },
  'account.signIn.resend': { cy: 'Heb gael y ddolen i gadarnhau eich cyfeiriad e-bost?', en: 'Not received the link to confirm your email address?' },
});
