import type { Request, Response } from 'express';
import { z } from 'zod';
import { enforce } from '../../../access/policy.js';
import type { Route } from '../../../api/route-table.js';
import { issueMessage } from '../../../api/validation-problems.js';
import { assetFields, assetKinds } from '../../../operations/assets/asset-input.js';
import { requestAsset, requestAssetInput } from '../../../operations/assets/request-asset.js';
import { emptyForm, refusedForm, requiredText, typedValues, withErrors, type FormState } from '../../forms.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { applicantGroupsOf } from './applicant-groups.js';
import { assetKindOptions } from './transfer-words.js';

// A group asks for an asset its owner has not put on the register (requestAsset, as POST
// /api/assets/requests). The asset joins the owner's register as asked for, and the group can then ask for
// it to be transferred as for any other.

const requestForm = z.object({
  organisationId: z.uuid('assetRequest.groupMissing').optional(),
  ownerOrganisationId: z.uuid('assetRequest.ownerMissing'),
  name: requiredText(200, 'assetRequest.nameMissing'),
  address: requiredText(500, 'assetRequest.addressMissing'),
  // Optional, but when typed it must be a postcode, checked by the register's own rule.
  postcode: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .refine((value) => value === undefined || assetFields.postcode.safeParse(value).success, 'assetRequest.postcodeInvalid')
    .optional(),
  kind: z.enum(assetKinds, 'assetRequest.kindMissing'),
  currentUse: requiredText(500, 'assetRequest.currentUseMissing'),
  openSpace: z.enum(['yes', 'no'], 'assetRequest.openSpaceMissing').transform((answer) => answer === 'yes'),
});

export function assetRequestPages(deps: PageDependencies): Route[] {
  const { prisma } = deps;

  const show = async (req: Request, res: Response, status: number, form: FormState) => {
    const groups = req.actor ? await applicantGroupsOf(prisma, req.actor) : [];
    // Only a member of a group may ask; anyone else is told so before they fill anything in.
    if (groups.length === 0) enforce(req.actor, 'asset.request', { organisationId: null });
    const owners = await prisma.organisation.findMany({ where: { kind: 'public_body' }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
    renderPage(req, res, deps, 'pages/transfers/asset-request.njk', { ...form, groups, owners, kinds: assetKindOptions(pageLanguage(req)) }, status);
  };

  const send = async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    const values = typedValues(req.body);
    const form = requestForm.safeParse(values);
    if (!form.success) return show(req, res, 422, refusedForm(form.error, language, values));
    // The operation's own rules on text (no control characters, one line for a name) have the last word;
    // what they refuse is shown beside its field in their words.
    const input = requestAssetInput.safeParse(form.data);
    if (!input.success)
      return show(
        req,
        res,
        422,
        withErrors(
          values,
          input.error.issues.map((issue) => [String(issue.path[0] ?? ''), issueMessage(issue, language)]),
        ),
      );
    const asset = await requestAsset({ prisma, actor: req.actor, input: input.data, now: new Date() });
    res.redirect(303, `/assets/${asset.id}?asked=1`);
  };

  return [
    { method: 'get', path: '/assets/request', action: 'asset.request', page: true, handler: (req, res) => show(req, res, 200, emptyForm) },
    { method: 'post', path: '/assets/request', action: 'asset.request', page: true, handler: send },
  ];
}
