import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3_1 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../src/api/openapi.js';
import { startTestSystem, type TestSystem } from '../support/app.js';
import { servedRoutes } from '../support/routes.js';
import { loadCfpPolicies } from '../../src/programmes/cfp-policy.js';
import { loadTransferProcesses } from '../../src/programmes/transfer-processes.js';
import { createViews } from '../../src/web/nunjucks.js';
import { webRoutes } from '../../src/web/web-routes.js';
import { testAuthSettings } from '../support/people.js';

// The document is generated from the route table, so it lists every route the app serves. What it cannot
// generate is what a route takes and answers: that comes from the route's own `docs`. This test fails for
// any route without them (the generator marks it `x-undocumented`), so a route added without docs fails
// here, not in a client's hands.

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function operations(document: Document): { route: string; operation: Operation }[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    (['get', 'post', 'patch', 'put', 'delete'] as const)
      .filter((method) => item?.[method])
      .map((method) => ({ route: `${method} ${path}`, operation: item?.[method] as Operation })),
  );
}

describe('OpenAPI document and documentation page', () => {
  let system: TestSystem;
  let document: Document;

  beforeAll(async () => {
    system = await startTestSystem();
    const response = await fetch(`${system.url}/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  });

  afterAll(() => system?.stop());

  it('serves a valid OpenAPI 3.1 document', async () => {
    await SwaggerParser.validate(structuredClone(document));
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Cymuned', version });
    expect(document.info.description).toMatch(/Accept-Language: cy/);
  });

  it('describes every route the app serves but its web pages, and no others', async () => {
    const pages = new Set(
      webRoutes({
        prisma: system.prisma,
        auth: testAuthSettings(),
        views: createViews(),
        temporal: system.temporal.client,
        taskQueue: system.temporal.taskQueue,
        transferProcesses: await loadTransferProcesses(),
        cfpPolicies: await loadCfpPolicies(),
        // Only the routes are wanted: nothing is read or written there.
        evidenceDir: '/nonexistent',
      }).map(({ method, path }) => `${method} ${path}`),
    );
    expect(pages.size).toBeGreaterThan(0);
    const served = servedRoutes(system.app)
      .filter((route) => !pages.has(route))
      .map((route) => {
        const [method = '', path = ''] = route.split(' ');
        return `${method} ${openApiPath(path)}`;
      });
    expect(
      operations(document)
        .map(({ route }) => route)
        .sort(),
    ).toEqual(served.sort());
  });

  it('asks and answers applications and transfers in the same words', () => {
    const parameters = (path: string) => ((document.paths?.[path]?.get?.parameters ?? []) as OpenAPIV3_1.ParameterObject[]).map((p) => p.name);
    const shared = ['status', 'stage', 'caseOfficerId', 'localAuthorityCode', 'organisationId', 'overdue', 'sort', 'limit', 'cursor'];
    expect(parameters('/api/applications')).toEqual(expect.arrayContaining(shared));
    expect(parameters('/api/transfers')).toEqual(expect.arrayContaining(shared));
    for (const old of ['caseOfficer', 'localAuthority', 'organisation']) expect(parameters('/api/applications')).not.toContain(old);
    const schema = (id: string) => document.components?.schemas?.[id] as OpenAPIV3_1.SchemaObject | undefined;
    for (const summary of ['ApplicationSummary', 'TransferSummary']) {
      expect(Object.keys(schema(summary)?.properties ?? {}), summary).toEqual(expect.arrayContaining(['groupAction', 'groupActionText', 'groupDueAt']));
    }
    for (const view of ['Application', 'Transfer']) {
      expect(Object.keys(schema(view)?.properties ?? {}), view).toEqual(expect.arrayContaining(['groupAction', 'casework', 'notes']));
      expect(Object.keys(schema(view)?.properties ?? {}), view).not.toContain('applicantAction');
    }
    expect(Object.keys(schema('Transfer')?.properties ?? {})).not.toContain('caseOfficerId');
    expect(document.paths?.['/api/transfers/{reference}/events']?.get?.responses?.['200']).toMatchObject({ content: { 'text/event-stream': {} } });
  });

  it('has docs written for every route', () => {
    const undocumented = operations(document)
      .filter(({ operation }) => (operation as Record<string, unknown>)['x-undocumented'] === true)
      .map(({ route }) => route);
    expect(undocumented, 'routes without `docs` in the route table').toEqual([]);
  });

  it('documents Idempotency-Key on every POST, and problem details on every operation', async () => {
    const dereferenced = (await SwaggerParser.dereference(structuredClone(document))) as Document;
    for (const { route, operation } of operations(dereferenced)) {
      const headers = ((operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[]).filter((p) => p.in === 'header').map((p) => p.name);
      if (route.startsWith('post ')) expect(headers, route).toContain('Idempotency-Key');
      expect(headers, route).toContain('Accept-Language');
      const internal = operation.responses?.['500'] as OpenAPIV3_1.ResponseObject | undefined;
      expect(internal?.content?.['application/problem+json']?.schema, route).toMatchObject({ required: ['type', 'title', 'status'] });
    }
    const enquiry = dereferenced.paths?.['/api/enquiries']?.post;
    expect(Object.keys(enquiry?.responses ?? {})).toEqual(expect.arrayContaining(['202', '400', '401', '403', '409', '422', '500']));
  });

  it('documents the session cookie, its CSRF header and bearer tokens', () => {
    expect(document.components?.securitySchemes).toEqual({
      sessionCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'cymuned_session' }),
      csrfToken: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
      bearerToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    expect(document.paths?.['/api/audit']?.get?.security).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
  });

  it('serves Swagger UI at /docs with everything it loads from this server', async () => {
    const page = await fetch(`${system.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).not.toMatch(/https?:/);

    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-init.js']));
    for (const asset of assets) {
      expect(asset, 'nothing from another origin').toMatch(/^\/docs\//);
      const response = await fetch(`${system.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('content-type'), asset).toMatch(
        asset.endsWith('.css') ? /^text\/css/ : asset.endsWith('.png') ? /^image\/png/ : /javascript/,
      );
      if (asset.endsWith('init.js')) expect(await response.text()).toContain('"swaggerUrl": "/openapi.json"');
      else await response.arrayBuffer();
    }
    expect((await fetch(`${system.url}/docs/package.json`)).status).toBe(404);
  });
});
