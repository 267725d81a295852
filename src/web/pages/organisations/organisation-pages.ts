import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { AppError } from '../../../domain/app-error.js';
import type { Language } from '../../../domain/bilingual.js';
import { organisationTypes, registerNumbers, type OrganisationType, type RegisterNumber } from '../../../domain/organisation-types.js';
import { normalisePostcode } from '../../../domain/postcode.js';
import { numbersFor } from '../../../domain/register-numbers.js';
import { readableDate } from '../../../domain/wales-time.js';
import { getOrganisation, listAdviceBodies, type OrganisationView } from '../../../operations/organisations/get-organisation.js';
import { inviteToOrganisation } from '../../../operations/organisations/invite-to-organisation.js';
import { handOverLead, removeMember, withdrawAdviser, withdrawInvitation } from '../../../operations/organisations/manage-members.js';
import { registerOrganisation, registerOrganisationInput, type LikelyDuplicate } from '../../../operations/organisations/register-organisation.js';
import { emptyForm, refusedForm, requiredText, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate, type MessageKey } from '../../i18n/index.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';

// Registering an organisation (with the step that holds back a likely duplicate), its page (members,
// advisers, invitations, verification), and the lead's forms on it. Each form calls the operation the
// API's route calls; the rules (which numbers a type needs, who may do what) are the operations'.

/** Each type's number fields are its own on the form (typeId-number), so that without JavaScript, when every conditional field shows, one type's field never answers for another's. */
export const numberField = (type: OrganisationType, field: RegisterNumber) => `${type}-${field}`;

const typeKeys = {
  charity: 'organisation.type.charity',
  cio: 'organisation.type.cio',
  company_limited_by_guarantee: 'organisation.type.companyLimitedByGuarantee',
  cic: 'organisation.type.cic',
  community_benefit_society: 'organisation.type.communityBenefitSociety',
  unincorporated: 'organisation.type.unincorporated',
  community_council: 'organisation.type.communityCouncil',
} as const satisfies Record<OrganisationType, MessageKey>;

const numberKeys = {
  charityNumber: { label: 'organisation.charityNumber', missing: 'organisation.charityNumberMissing', invalid: 'organisation.charityNumberInvalid' },
  companyNumber: { label: 'organisation.companyNumber', missing: 'organisation.companyNumberMissing', invalid: 'organisation.companyNumberInvalid' },
  mutualsNumber: { label: 'organisation.mutualsNumber', missing: 'organisation.mutualsNumberMissing', invalid: 'organisation.mutualsNumberInvalid' },
} as const satisfies Record<RegisterNumber, { label: MessageKey; missing: MessageKey; invalid: MessageKey }>;

const registerKeys = {
  charity_commission: 'organisation.register.charityCommission',
  companies_house: 'organisation.register.companiesHouse',
  fca_mutuals: 'organisation.register.fcaMutuals',
  none: 'organisation.register.none',
} as const satisfies Record<string, MessageKey>;

const registrationForm = z.object({
  name: requiredText(200, 'organisation.nameMissing'),
  type: z.enum(organisationTypes, 'organisation.typeMissing'),
  address: requiredText(500, 'organisation.addressMissing'),
  postcode: z
    .string('organisation.postcodeMissing')
    .trim()
    .min(1, 'organisation.postcodeMissing')
    .refine((typed) => normalisePostcode(typed) !== null, 'organisation.postcodeInvalid'),
});

const invitationForm = z.object({
  email: z
    .string('invitation.emailMissing')
    .trim()
    .min(1, 'invitation.emailMissing')
    .max(320, 'invitation.emailInvalid')
    .pipe(z.email('invitation.emailInvalid')),
  role: z.enum(['applicant_member', 'adviser'], 'invitation.roleMissing'),
  language: z.enum(['cy', 'en'], 'invitation.languageMissing'),
  adviserOrganisationId: z.string().optional(),
});

/** The types as the form's radios list them, each with the number fields it shows when chosen. */
function typeOptions(language: Language) {
  return organisationTypes.map((type) => ({
    value: type,
    text: translate(typeKeys[type], language),
    numbers: [
      ...registerNumbers[type].required.map((field) => ({ field, required: true })),
      ...registerNumbers[type].optional.map((field) => ({ field, required: false })),
    ].map(({ field, required }) => ({
      id: numberField(type, field),
      label: translate(numberKeys[field].label, language) + (required ? '' : ` ${translate('organisation.optional', language)}`),
    })),
  }));
}

/** The organisation as its page shows it: codes in the page's words, dates readable. */
function organisationInWords(organisation: OrganisationView, language: Language) {
  const verification = organisation.verification;
  return {
    ...organisation,
    typeText: organisation.type ? translate(typeKeys[organisation.type], language) : null,
    verificationText:
      verification.status === 'verified'
        ? translate('organisation.verifiedOn', language, {
            date: readableDate(verification.verifiedAt, language),
            register: translate(registerKeys[(verification.register ?? 'none') as keyof typeof registerKeys] ?? 'organisation.register.none', language),
          })
        : translate('organisation.notVerified', language),
    members: organisation.members.map((member) => ({
      ...member,
      roleText: translate(member.role === 'applicant_lead' ? 'organisation.role.lead' : 'organisation.role.member', language),
      sinceText: readableDate(member.since, language),
    })),
    advisers: organisation.advisers.map((adviser) => ({ ...adviser, sinceText: readableDate(adviser.since, language) })),
    pendingInvitations: organisation.pendingInvitations.map((invitation) => ({
      ...invitation,
      roleText: translate(invitation.role === 'adviser' ? 'organisation.role.adviser' : 'organisation.role.member', language),
      expiresText: readableDate(invitation.expiresAt, language),
    })),
  };
}

const notices = {
  registered: 'organisation.done.registered',
  invited: 'organisation.done.invited',
  withdrawn: 'organisation.done.invitationWithdrawn',
  removed: 'organisation.done.memberRemoved',
  handedOver: 'organisation.done.handedOver',
  adviserWithdrawn: 'organisation.done.adviserWithdrawn',
  joined: 'organisation.done.joined',
} as const satisfies Record<string, MessageKey>;

export function organisationPages(deps: PageDependencies): Route[] {
  const { prisma, temporal, taskQueue, auth } = deps;
  const organisationIdOf = (req: Request) => String(req.params.organisationId);

  const showRegistration = (req: Request, res: Response, status: number, form: FormState) =>
    renderPage(req, res, deps, 'pages/organisations/new.njk', { ...form, types: typeOptions(pageLanguage(req)) }, status);

  const register = async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    const values = typedValues(req.body);
    // A field left out is one left empty, as a browser sends it.
    const form = registrationForm.safeParse({ name: '', address: '', postcode: '', ...values });
    const type = organisationTypes.find((option) => option === values.type);
    const given = type
      ? {
          charityNumber: values[numberField(type, 'charityNumber')],
          companyNumber: values[numberField(type, 'companyNumber')],
          mutualsNumber: values[numberField(type, 'mutualsNumber')],
        }
      : {};
    const numberErrors = type
      ? numbersFor(type, given).problems.map(({ field, problem }) => [numberField(type, field), translate(numberKeys[field][problem], language)] as const)
      : [];
    if (!form.success || numberErrors.length > 0) {
      const refused = form.success ? emptyForm : refusedForm(form.error, language, values);
      // In the order the form asks: name, type (and its numbers), address, postcode.
      const order = ['name', 'type', ...numberErrors.map(([field]) => field), 'address', 'postcode'];
      const errors = [...Object.entries(refused.errors), ...numberErrors].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
      return showRegistration(req, res, 422, withErrors(values, errors));
    }
    const parsed = registerOrganisationInput.safeParse({ ...form.data, ...given, registerAnyway: values.registerAnyway === 'yes' });
    if (!parsed.success) {
      // What the operation refuses beyond the form's own checks (a line break in the name, a control
      // character): beside the field it is in.
      const fieldOf = (name: string) => (type && name.endsWith('Number') ? numberField(type, name as RegisterNumber) : name);
      const text = translate('organisation.textInvalid', language);
      return showRegistration(
        req,
        res,
        422,
        withErrors(
          values,
          parsed.error.issues.map((issue) => [fieldOf(String(issue.path[0] ?? 'name')), text] as const),
        ),
      );
    }
    const input = parsed.data;
    try {
      const result = await registerOrganisation({ prisma, actor: req.actor, input, now: new Date() });
      if (result.outcome === 'possible_duplicate') return showDuplicates(req, res, values, result.duplicates, type);
      res.redirect(303, `/organisations/${result.organisation.id}?done=registered`);
    } catch (error) {
      // The same register number as an organisation already here: said beside the number.
      if (!(error instanceof AppError) || error.code !== 'conflict' || !type) throw error;
      const field = registerNumbers[type].required[0] ?? 'name';
      return showRegistration(req, res, 422, withErrors(values, [[field === 'name' ? 'name' : numberField(type, field), error.detail[language]]]));
    }
  };

  const showDuplicates = (req: Request, res: Response, values: Record<string, string>, duplicates: LikelyDuplicate[], type: OrganisationType | undefined) => {
    // Only the fields the registration uses go round again, as hidden fields of the confirmation form.
    const kept = [
      'name',
      'type',
      'address',
      'postcode',
      ...(type ? (['charityNumber', 'companyNumber', 'mutualsNumber'] as const).map((field) => numberField(type, field)) : []),
    ];
    const carried = kept.filter((name) => values[name] !== undefined && values[name] !== '').map((name) => ({ name, value: values[name] }));
    renderPage(req, res, deps, 'pages/organisations/duplicate.njk', { duplicates, carried, name: values.name });
  };

  const show = async (req: Request, res: Response, status = 200, invite: FormState = emptyForm) => {
    const language = pageLanguage(req);
    const organisation = await getOrganisation({ prisma, actor: req.actor, organisationId: organisationIdOf(req), now: new Date() });
    const done = typeof req.query.done === 'string' && Object.hasOwn(notices, req.query.done) ? notices[req.query.done as keyof typeof notices] : null;
    renderPage(
      req,
      res,
      deps,
      'pages/organisations/organisation.njk',
      {
        organisation: organisationInWords(organisation, language),
        adviceBodies: organisation.readerIsLead ? await listAdviceBodies(prisma) : [],
        done,
        ...invite,
      },
      status,
    );
  };

  const invite = async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    const organisationId = organisationIdOf(req);
    const values = typedValues(req.body);
    const form = invitationForm.safeParse({ email: '', ...values });
    const adviserBodyMissing = form.success && form.data.role === 'adviser' && !form.data.adviserOrganisationId;
    if (!form.success || adviserBodyMissing) {
      const refused = form.success
        ? withErrors(values, [['adviserOrganisationId', translate('invitation.adviserBodyMissing', language)]])
        : refusedForm(form.error, language, values);
      return show(req, res, 422, refused);
    }
    const { adviserOrganisationId, ...rest } = form.data;
    try {
      await inviteToOrganisation({
        prisma,
        temporal,
        taskQueue,
        actor: req.actor,
        organisationId,
        input: { ...rest, email: rest.email.toLowerCase(), ...(rest.role === 'adviser' && adviserOrganisationId ? { adviserOrganisationId } : {}) },
        now: new Date(),
        publicUrl: auth.publicUrl,
        lifetimeDays: auth.invitationLifetimeDays,
        logger: req.log,
      });
    } catch (error) {
      // Already a member, or not an advice body: the operation's reason, beside the field it is about.
      if (!(error instanceof AppError) || (error.code !== 'conflict' && error.code !== 'invalid_input')) throw error;
      return show(req, res, 422, withErrors(values, [[error.code === 'conflict' ? 'email' : 'adviserOrganisationId', error.detail[language]]]));
    }
    res.redirect(303, `/organisations/${organisationId}?done=invited`);
  };

  /** One of the lead's buttons: the operation, then back to the page saying what was done. */
  const leadAction = (act: (req: Request) => Promise<unknown>, done: keyof typeof notices) => async (req: Request, res: Response) => {
    await act(req);
    res.redirect(303, `/organisations/${organisationIdOf(req)}?done=${done}`);
  };
  const common = (req: Request) => ({ prisma, actor: req.actor, organisationId: organisationIdOf(req), now: new Date() });

  return [
    {
      method: 'get',
      path: '/organisations/new',
      action: 'organisation.register',
      page: true,
      handler: (req, res) => showRegistration(req, res, 200, emptyForm),
    },
    { method: 'post', path: '/organisations/new', action: 'organisation.register', page: true, handler: register },
    { method: 'get', path: '/organisations/:organisationId', action: 'organisation.read', page: true, handler: (req, res) => show(req, res) },
    { method: 'post', path: '/organisations/:organisationId/invitations', action: 'organisation.manage', page: true, handler: invite },
    {
      method: 'post',
      path: '/organisations/:organisationId/invitations/:invitationId/withdrawal',
      action: 'organisation.manage',
      page: true,
      handler: leadAction((req) => withdrawInvitation({ ...common(req), invitationId: String(req.params.invitationId) }), 'withdrawn'),
    },
    {
      method: 'post',
      path: '/organisations/:organisationId/members/:personId/removal',
      action: 'organisation.manage',
      page: true,
      handler: leadAction((req) => removeMember({ ...common(req), personId: String(req.params.personId) }), 'removed'),
    },
    {
      method: 'post',
      path: '/organisations/:organisationId/lead',
      action: 'organisation.manage',
      page: true,
      handler: leadAction((req) => handOverLead({ ...common(req), personId: String(typedValues(req.body).personId ?? '') }), 'handedOver'),
    },
    {
      method: 'post',
      path: '/organisations/:organisationId/advisers/:personId/withdrawal',
      action: 'organisation.manage',
      page: true,
      handler: leadAction((req) => withdrawAdviser({ ...common(req), personId: String(req.params.personId) }), 'adviserWithdrawn'),
    },
  ];
}
