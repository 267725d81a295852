import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Actor } from '../../../access/actor.js';
import { enforce } from '../../../access/policy.js';
import type { Route } from '../../../api/route-table.js';
import type { Language } from '../../../domain/bilingual.js';
import { nextStepWording } from '../../../domain/cfp/group-wording.js';
import { clockFor } from '../../../domain/cfp/status.js';
import { applicantRoles } from '../../../domain/roles.js';
import { listApplications, listApplicationsQuery, type ApplicationSummary } from '../../../operations/applications/list-applications.js';
import { startApplication } from '../../../operations/applications/start-application.js';
import { listTransfers, listTransfersQuery } from '../../../operations/transfers/list-transfers.js';
import { emptyForm, refusedForm, requiredText, typedValues, withErrors, type FormState } from '../../forms.js';
import { translate } from '../../i18n/index.js';
import { pageLanguage } from '../../page-language.js';
import { renderPage } from '../../render.js';
import type { PageDependencies } from '../../page-dependencies.js';

// A group's own start: per group the person acts for, its CFP applications, transfers and grants, each
// with where it stands in plain words, what the group must do next and by when, and what the programme
// does next and by when; and starting a CFP application (startApplication, as POST /api/applications).

const startForm = z.object({
  organisationId: z.uuid('apply.start.groupMissing').optional(),
  projectTitle: requiredText(200, 'apply.start.projectTitleMissing'),
  language: z.enum(['cy', 'en'], 'apply.start.languageMissing'),
});

/** The groups the person acts for, by name. */
async function groupsOf(deps: PageDependencies, actor: Actor): Promise<{ id: string; name: string }[]> {
  const ids = [...new Set(actor.grants.filter((g) => applicantRoles.includes(g.role) && g.organisationId).map((g) => g.organisationId as string))];
  return deps.prisma.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

/** While nothing is the group's to do and the stage's clock runs, what the programme is doing, due by the stage's date. */
function programmeNext(application: ApplicationSummary, language: Language): string | null {
  const clocked = clockFor(application.status);
  if (application.groupAction || application.clockPaused || !application.stageDueAt || !clocked) return null;
  return nextStepWording[clocked][language];
}

export function dashboardPages(deps: PageDependencies): Route[] {
  const { prisma } = deps;

  const dashboard = async (req: Request, res: Response) => {
    const language = pageLanguage(req);
    const actor = req.actor;
    const now = new Date();
    const groups = actor ? await groupsOf(deps, actor) : [];
    const perGroup = await Promise.all(
      groups.map(async (group) => {
        // A group's first page of each: a group with more than a hundred open cases is not who this page is for.
        const applications = await listApplications({
          prisma,
          actor,
          query: listApplicationsQuery.parse({ organisationId: group.id, sort: 'updated', limit: '100' }),
          now,
          language,
        });
        const transfers = await listTransfers({
          prisma,
          actor,
          query: listTransfersQuery.parse({ organisationId: group.id, sort: 'updated', limit: '100' }),
          now,
          language,
        });
        return {
          ...group,
          applications: applications.items.map((application) => ({ ...application, programmeNext: programmeNext(application, language) })),
          transfers: transfers.items,
          // An accepted offer is the group's grant, followed on its own page.
          awards: applications.items.filter((application) => application.status === 'accepted'),
        };
      }),
    );
    renderPage(req, res, deps, 'pages/applications/dashboard.njk', { groups: perGroup });
  };

  const showStart = async (req: Request, res: Response, status: number, form: FormState) => {
    const groups = req.actor ? await groupsOf(deps, req.actor) : [];
    // Only a member of a group may start one; anyone else is told so before they fill anything in.
    if (groups.length === 0) enforce(req.actor, 'application.create', { organisationId: null });
    const chosen = typeof req.query.organisationId === 'string' ? req.query.organisationId : undefined;
    const values = form.values.organisationId || !chosen ? form.values : { ...form.values, organisationId: chosen };
    renderPage(req, res, deps, 'pages/applications/start.njk', { ...form, values, groups }, status);
  };

  const start = async (req: Request, res: Response) => {
    const values = typedValues(req.body);
    const form = startForm.safeParse(values);
    if (!form.success) return showStart(req, res, 422, refusedForm(form.error, pageLanguage(req), values));
    const groups = req.actor ? await groupsOf(deps, req.actor) : [];
    // One group: it is the one; several: the person says which (the operation refuses one they do not act for).
    const organisationId = form.data.organisationId ?? (groups.length === 1 ? groups[0]?.id : undefined);
    if (!organisationId && groups.length > 1) {
      return showStart(req, res, 422, withErrors(values, [['organisationId', translate('apply.start.groupMissing', pageLanguage(req))]]));
    }
    const started = await startApplication({
      prisma,
      signals: deps.caseEventSignals,
      temporal: deps.temporal,
      taskQueue: deps.taskQueue,
      policies: deps.cfpPolicies,
      actor: req.actor,
      input: { organisationId, projectTitle: form.data.projectTitle, language: form.data.language, answers: {} },
      now: new Date(),
    });
    res.redirect(303, `/applications/${started.reference}/eoi`);
  };

  return [
    { method: 'get', path: '/dashboard', action: 'application.list', page: true, handler: dashboard },
    { method: 'get', path: '/applications/new', action: 'application.create', page: true, handler: (req, res) => showStart(req, res, 200, emptyForm) },
    { method: 'post', path: '/applications/new', action: 'application.create', page: true, handler: start },
  ];
}
