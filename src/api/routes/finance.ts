import type { PrismaClient } from '../../db/prisma.js';
import { getStatement } from '../../operations/reconciliation/get-statement.js';
import { importStatement, importStatementInput } from '../../operations/reconciliation/import-statement.js';
import { resolveStatementLine, resolveStatementLineInput } from '../../operations/reconciliation/resolve-statement-line.js';
import { financeReport, financeReportCsv, financeReportQuery } from '../../operations/finance-reports/finance-report.js';
import { readerLanguage } from '../reader-language.js';
import type { Route } from '../route-table.js';
import { financeReportResponse, resolutionResponse, statementLineParams, statementParams, statementResponse } from './finance.schema.js';

export function financeRoutes({ prisma }: { prisma: PrismaClient }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/finance/statements',
      action: 'finance.reconcile',
      handler: async (req, res) => {
        const { fileName, csv } = importStatementInput.parse(req.body);
        const statement = await importStatement({ prisma, actor: req.actor, fileName, csv, now: new Date() });
        res.status(201).location(`/api/finance/statements/${statement.id}`).json(statement);
      },
      docs: {
        summary: 'Import a bank or ledger statement and reconcile it with the payment instructions',
        description:
          'Each line is matched on its reference and amount. A matched line confirms its payment instruction and writes its payment_confirmed ledger entry; partial, unmatched and duplicate lines wait for a finance officer. The whole file is checked first: a malformed one is refused (400) naming its lines, and nothing is written. A statement whose content was imported before is refused (409). The request body is JSON of at most 100 kB (about 2,000 lines).',
        tags: ['Finance'],
        body: importStatementInput,
        responses: { 201: { description: 'Imported and reconciled', body: statementResponse, headers: { Location: 'The statement' } } },
        problems: [409, 413],
      },
    },
    {
      method: 'get',
      path: '/api/finance/statements/:id',
      action: 'finance.reconcile',
      handler: async (req, res) => {
        const { id } = statementParams.parse(req.params);
        res.json(await getStatement({ prisma, actor: req.actor, id }));
      },
      docs: {
        summary: 'Read an imported statement: its lines, how each was matched, and how many of each',
        tags: ['Finance'],
        params: statementParams,
        responses: { 200: { description: 'The statement', body: statementResponse } },
      },
    },
    {
      method: 'post',
      path: '/api/finance/statements/:id/lines/:lineNumber/resolution',
      action: 'finance.reconcile',
      handler: async (req, res) => {
        const { id, lineNumber } = statementLineParams.parse(req.params);
        const input = resolveStatementLineInput.parse(req.body);
        res.json(await resolveStatementLine({ prisma, actor: req.actor, statementId: id, lineNumber, input, now: new Date() }));
      },
      docs: {
        summary: 'Resolve a partial, unmatched or duplicate statement line, with a note',
        description:
          'Records who resolved the line and when, optionally links it to the payment instruction it belongs to and, with confirmPayment, confirms that instruction as paid. Refused (409) for matched lines, lines already resolved, and confirmations whose amounts differ or whose instruction is not awaiting payment.',
        tags: ['Finance'],
        params: statementLineParams,
        body: resolveStatementLineInput,
        responses: { 200: { description: 'Resolved', body: resolutionResponse } },
        problems: [409],
      },
    },
    {
      method: 'get',
      path: '/api/finance/reports/summary',
      action: 'finance.report',
      handler: async (req, res) => {
        const query = financeReportQuery.parse(req.query);
        const report = await financeReport({ prisma, actor: req.actor, query, language: readerLanguage(req) });
        if (query.format === 'csv') {
          res.type('text/csv; charset=utf-8').attachment(`finance-summary-by-${query.groupBy}.csv`).send(financeReportCsv(report));
          return;
        }
        res.json(report);
      },
      docs: {
        summary: 'Committed, paid, retained, outstanding and recovered, by programme, financial year, local authority or WIMD quintile',
        description:
          'From the award ledger. outstanding = committed + variations - decommitted - paid (confirmed by the bank); retained = retention held - released; recovered = clawback received. Each entry counts in the financial year it was booked to. WIMD quintile 1 is the most deprived fifth (deciles 1-2).',
        tags: ['Finance'],
        query: financeReportQuery,
        // One content type per status in the route table: the CSV's columns are described in words.
        responses: {
          200: {
            description:
              'The report as JSON (amounts in pence). With format=csv, text/csv as a download instead: header `<groupBy>,label,awards,committed_gbp,variations_gbp,decommitted_gbp,paid_gbp,retained_gbp,outstanding_gbp,recovered_gbp`, amounts in pounds such as 1234.50, no totals row.',
            body: financeReportResponse,
          },
        },
      },
    },
  ];
}
