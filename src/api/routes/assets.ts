import type { PrismaClient } from '../../db/prisma.js';
import { getAsset } from '../../operations/assets/get-asset.js';
import { listAssets, listAssetsQuery } from '../../operations/assets/list-assets.js';
import { registerAsset, registerAssetInput } from '../../operations/assets/register-asset.js';
import { requestAsset, requestAssetInput } from '../../operations/assets/request-asset.js';
import { updateAsset, updateAssetInput } from '../../operations/assets/update-asset.js';
import type { Route } from '../route-table.js';
import { assetPageResponse, assetParams, assetResponse } from './assets.schema.js';

/** The asset registers of Community Asset Transfer: public to read, kept by each body's asset officers. */
export function assetRoutes({ prisma }: { prisma: PrismaClient }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/assets',
      action: 'asset.manage',
      handler: async (req, res) => {
        const input = registerAssetInput.parse(req.body);
        const asset = await registerAsset({ prisma, actor: req.actor, input, now: new Date() });
        res.status(201).location(`/api/assets/${asset.id}`).json(asset);
      },
      docs: {
        summary: 'Put an asset on the register of the body you are an asset officer of',
        description:
          'The asset is offered for transfer. Given its small area (LSOA), the asset’s local authority and WIMD rank and decile are looked up and kept with it; an LSOA WIMD does not know is refused.',
        tags: ['Assets'],
        body: registerAssetInput,
        responses: { 201: { description: 'On the register', body: assetResponse, headers: { Location: 'The asset' } } },
      },
    },
    {
      method: 'post',
      path: '/api/assets/requests',
      action: 'asset.request',
      handler: async (req, res) => {
        const input = requestAssetInput.parse(req.body);
        const asset = await requestAsset({ prisma, actor: req.actor, input, now: new Date() });
        res.status(201).location(`/api/assets/${asset.id}`).json(asset);
      },
      docs: {
        summary: 'Ask for an asset that is not on its owner’s register (a group’s member)',
        description: 'The asset joins the register of the public body named as `requested`, for that body’s asset officers to offer or withdraw.',
        tags: ['Assets'],
        body: requestAssetInput,
        responses: { 201: { description: 'Asked for', body: assetResponse, headers: { Location: 'The asset' } } },
      },
    },
    {
      method: 'get',
      path: '/api/assets',
      action: 'asset.read',
      handler: async (req, res) => {
        const query = listAssetsQuery.parse(req.query);
        res.json(await listAssets({ prisma, actor: req.actor, query }));
      },
      docs: {
        summary: 'List the asset registers',
        description: 'Public. Filters combine (all must hold). In order of name, a page at a time: pass `nextCursor` back as `cursor`, with the same filters.',
        tags: ['Assets'],
        query: listAssetsQuery,
        responses: { 200: { description: 'A page of assets', body: assetPageResponse } },
      },
    },
    {
      method: 'get',
      path: '/api/assets/:id',
      action: 'asset.read',
      handler: async (req, res) => {
        const { id } = assetParams.parse(req.params);
        res.json(await getAsset({ prisma, actor: req.actor, id }));
      },
      docs: {
        summary: 'Read an asset of a register',
        tags: ['Assets'],
        params: assetParams,
        responses: { 200: { description: 'The asset', body: assetResponse } },
      },
    },
    {
      method: 'patch',
      path: '/api/assets/:id',
      action: 'asset.manage',
      handler: async (req, res) => {
        const { id } = assetParams.parse(req.params);
        res.json(await updateAsset({ prisma, actor: req.actor, id, input: req.body, now: new Date() }));
      },
      docs: {
        summary: 'Change an asset’s details or availability (an asset officer of the body that owns it)',
        description: 'Only the fields sent change; null clears an optional one. Refused with 409 when a transferred asset would be offered or withdrawn.',
        tags: ['Assets'],
        params: assetParams,
        body: updateAssetInput,
        responses: { 200: { description: 'The asset as it now is', body: assetResponse } },
        problems: [409],
      },
    },
  ];
}
