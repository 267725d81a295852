import type { PrismaClient } from '../../db/prisma.js';
import { publishThreeSixtyGiving } from '../../open-data/publish-three-sixty-giving.js';
import { threeSixtyGivingCsv } from '../../open-data/three-sixty-giving.js';
import { cachePublicly } from '../cache-control.js';
import type { Route } from '../route-table.js';
import { threeSixtyGivingCsvResponse, threeSixtyGivingPackageResponse } from './open-data.schema.js';

// Public by design; a few minutes old is as good as new for data published for reuse.
const openDataMaxAgeSeconds = 300;

const about =
  'Every accepted Community Facilities Programme award in the 360Giving Data Standard 1.4, for anyone to reuse under the ' +
  'Open Government Licence v3.0: who was awarded how much, when, for what and where, and how much has been paid. Amounts are in pounds. ' +
  'Checked against the 360Giving package schema before it is served: a file the schema refuses is never published.';

const beforeTheFirstAward =
  'Before the first accepted award there is nothing to publish (a 360Giving package needs at least one grant): 404 problem details of type ' +
  '`https://cymuned.example/problems/nothing-published` say so, in the reader’s language.';

/** Awarded grants as open data, in the two forms 360Giving publishers use: JSON and a flat CSV. */
export function openDataRoutes({ prisma }: { prisma: PrismaClient }): Route[] {
  return [
    {
      method: 'get',
      path: '/api/open-data/360giving.json',
      action: 'open_data.read',
      handler: async (_req, res) => {
        const data = await publishThreeSixtyGiving(prisma, { now: new Date() });
        cachePublicly(res, openDataMaxAgeSeconds).json(data);
      },
      docs: {
        summary: 'Awarded grants as a 360Giving data package (JSON)',
        description: `${about} ${beforeTheFirstAward}`,
        tags: ['Open data'],
        responses: { 200: { description: 'The data package', body: threeSixtyGivingPackageResponse } },
        problems: [404],
      },
    },
    {
      method: 'get',
      path: '/api/open-data/360giving.csv',
      action: 'open_data.read',
      handler: async (_req, res) => {
        // The same package as the JSON, so the CSV is published only when the JSON would be.
        const { grants } = await publishThreeSixtyGiving(prisma, { now: new Date() });
        cachePublicly(res, openDataMaxAgeSeconds).type('text/csv; charset=utf-8').attachment('cymuned-360giving.csv').send(threeSixtyGivingCsv(grants));
      },
      docs: {
        summary: 'Awarded grants in 360Giving’s flat CSV layout',
        description: `${about} ${beforeTheFirstAward}`,
        tags: ['Open data'],
        responses: { 200: { description: 'One row per grant, with a header row', body: threeSixtyGivingCsvResponse, contentType: 'text/csv' } },
        problems: [404],
      },
    },
  ];
}
