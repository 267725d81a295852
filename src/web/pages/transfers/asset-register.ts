import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Route } from '../../../api/route-table.js';
import { enforce } from '../../../access/policy.js';
import { applicantRoles } from '../../../domain/roles.js';
import { getAsset } from '../../../operations/assets/get-asset.js';
import { assetKinds } from '../../../operations/assets/asset-input.js';
import { listAssets, listAssetsQuery } from '../../../operations/assets/list-assets.js';
import { startTransfer } from '../../../operations/transfers/start-transfer.js';
import { emptyForm, refusedForm, typedValues, type FormState } from '../../forms.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';
import { applicantGroupsOf } from './applicant-groups.js';
import { assetRequestPages } from './asset-request.js';
import { assetInWords, assetKindOptions } from './transfer-words.js';

// The public bodies' asset registers, open to anyone, and a group's request for one of their assets: the
// first step of a community asset transfer (startTransfer, as POST /api/transfers).

/** What the search form sends; a filter left empty, or not one the form offers, is no filter. */
const searchForm = z.object({
  q: z.string().trim().max(200, 'forms.textTooLong').optional(),
  place: z.string().trim().max(200, 'forms.textTooLong').optional(),
  kind: z.string().optional(),
  openSpace: z.string().optional(),
  cursor: z.string().max(1000).optional(),
});

/** A transfer can be asked for unless the asset has gone to a group or come off the register. */
const askable = new Set(['offered', 'requested', 'returned']);

const startForm = z.object({
  organisationId: z.uuid('startTransfer.groupMissing').optional(),
  proposedUse: z.string().trim().min(1, 'startTransfer.proposedUseMissing').max(2000, 'forms.textTooLong'),
  message: z.string().trim().min(1, 'startTransfer.messageMissing').max(5000, 'forms.textTooLong'),
  language: z.enum(['cy', 'en'], 'startTransfer.languageMissing'),
});

export function assetRegisterPages(deps: PageDependencies): Route[] {
  const { prisma } = deps;

  const search = async (req: Request, res: Response) => {
    const form = searchForm.safeParse(req.query);
    const values = typedValues(req.query);
    if (!form.success)
      return renderPage(
        req,
        res,
        deps,
        'pages/transfers/assets.njk',
        { ...refusedForm(form.error, pageLanguage(req), values), kinds: assetKindOptions(pageLanguage(req)), page: null },
        422,
      );
    const { q, place, kind, openSpace, cursor } = form.data;
    const query = listAssetsQuery.safeParse({
      ...(q ? { q } : {}),
      ...(place ? { place } : {}),
      ...(assetKinds.includes(kind as never) ? { kind } : {}),
      ...(openSpace === 'true' || openSpace === 'false' ? { openSpace } : {}),
      ...(cursor ? { cursor } : {}),
      limit: '20',
    });
    // A cursor that is not one of ours (edited by hand) starts the list again.
    const page = await listAssets({ prisma, actor: req.actor, query: query.success ? query.data : listAssetsQuery.parse({ limit: '20' }) });
    const nextQuery = page.nextCursor
      ? new URLSearchParams({
          ...(q ? { q } : {}),
          ...(place ? { place } : {}),
          ...(kind ? { kind } : {}),
          ...(openSpace ? { openSpace } : {}),
          cursor: page.nextCursor,
        })
      : null;
    const language = pageLanguage(req);
    renderPage(req, res, deps, 'pages/transfers/assets.njk', {
      ...emptyForm,
      values,
      kinds: assetKindOptions(language),
      page: { ...page, items: page.items.map((asset) => assetInWords(asset, language)) },
      nextHref: nextQuery ? `/assets?${nextQuery.toString()}` : null,
    });
  };

  const showAsset = async (req: Request, res: Response) => {
    const asset = await getAsset({ prisma, actor: req.actor, id: String(req.params.id) });
    const isApplicant = req.actor?.grants.some((g) => applicantRoles.includes(g.role)) ?? false;
    renderPage(req, res, deps, 'pages/transfers/asset.njk', {
      asset: assetInWords(asset, pageLanguage(req)),
      askable: askable.has(asset.availability),
      asked: req.query.asked === '1',
      isApplicant,
    });
  };

  const showStart = async (req: Request, res: Response, status: number, form: FormState) => {
    const asset = await getAsset({ prisma, actor: req.actor, id: String(req.params.id) });
    const actor = req.actor;
    // Only a member of a group may ask; anyone else is told so before they fill anything in.
    const groups = actor ? await applicantGroupsOf(prisma, actor) : [];
    if (groups.length === 0) enforce(actor, 'transfer.create', { organisationId: null });
    renderPage(req, res, deps, 'pages/transfers/start.njk', { ...form, asset, groups }, status);
  };

  const start = async (req: Request, res: Response) => {
    const values = typedValues(req.body);
    const form = startForm.safeParse(values);
    if (!form.success) return showStart(req, res, 422, refusedForm(form.error, pageLanguage(req), values));
    // Not found for an address that names no asset, before anything is started.
    const asset = await getAsset({ prisma, actor: req.actor, id: String(req.params.id) });
    const started = await startTransfer({
      ...deps,
      signals: deps.caseEventSignals,
      actor: req.actor,
      input: { ...form.data, assetId: asset.id },
      now: new Date(),
    });
    res.redirect(303, `/transfers/${started.reference}`);
  };

  return [
    { method: 'get', path: '/assets', action: 'asset.read', page: true, handler: search },
    // Before /assets/:id, which would take "request" for an asset's id.
    ...assetRequestPages(deps),
    { method: 'get', path: '/assets/:id', action: 'asset.read', page: true, handler: showAsset },
    { method: 'get', path: '/assets/:id/transfer', action: 'transfer.create', page: true, handler: (req, res) => showStart(req, res, 200, emptyForm) },
    { method: 'post', path: '/assets/:id/transfer', action: 'transfer.create', page: true, handler: start },
  ];
}
