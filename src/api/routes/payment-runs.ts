import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../../db/prisma.js';
import { createPaymentRun } from '../../operations/payments/create-payment-run.js';
import { getPaymentRun, getPaymentRunBankFile } from '../../operations/payments/get-payment-run.js';
import type { Route } from '../route-table.js';
import { createdPaymentRunResponse, createPaymentRunInput, paymentRunParams, paymentRunResponse } from './payment-runs.schema.js';

export function paymentRunRoutes({ prisma, temporal, taskQueue }: { prisma: PrismaClient; temporal: Client; taskQueue: string }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/finance/payment-runs',
      action: 'finance.pay',
      handler: async (req, res) => {
        createPaymentRunInput.parse(req.body ?? {});
        const run = await createPaymentRun({ prisma, temporal, taskQueue, actor: req.actor, now: new Date(), logger: req.log });
        res.status(201).location(`/api/finance/payment-runs/${run.id}`).json(run);
      },
      docs: {
        summary: 'Make a payment run of every payment instruction waiting to be paid, with its bank file',
        description:
          'Takes every instruction that is `instructed` into one run, marks them `in_run`, makes the bank file (GET …/bank-file) and queues a remittance notice per payment to each member of the group, in their language, sent by the worker after the run is made. Two runs made at once never share an instruction. An instruction whose group has no bank account, or bank details that cannot be paid, is held back: left `instructed` and listed in `heldBack`. Refused (409) when there is nothing to pay, naming any groups held back.',
        tags: ['Finance'],
        body: createPaymentRunInput,
        responses: { 201: { description: 'The run', body: createdPaymentRunResponse, headers: { Location: 'The run' } } },
        problems: [409],
      },
    },
    {
      method: 'get',
      path: '/api/finance/payment-runs/:id',
      action: 'finance.pay',
      handler: async (req, res) => {
        const { id } = paymentRunParams.parse(req.params);
        res.json(await getPaymentRun({ prisma, actor: req.actor, id }));
      },
      docs: {
        summary: 'Read a payment run: its totals and its instructions as they stand now',
        tags: ['Finance'],
        params: paymentRunParams,
        responses: { 200: { description: 'The run', body: paymentRunResponse } },
      },
    },
    {
      method: 'get',
      path: '/api/finance/payment-runs/:id/bank-file',
      action: 'finance.pay',
      handler: async (req, res) => {
        const { id } = paymentRunParams.parse(req.params);
        const file = await getPaymentRunBankFile({ prisma, actor: req.actor, id });
        res.type('text/csv; charset=utf-8').attachment(file.fileName).send(file.csv);
      },
      docs: {
        summary: 'Download a payment run’s bank file (CSV)',
        description:
          'UTF-8, CRLF line ends, RFC 4180 quoting. Header `payee_name,sort_code,account_number,amount,reference`, then one row per payment: the name on the group’s account, sort code NN-NN-NN, eight-digit account number, amount in pounds with two decimals (1234.56), and the bank reference reconciliation matches on. No totals row.',
        tags: ['Finance'],
        params: paymentRunParams,
        responses: { 200: { description: 'The bank file, as a download', contentType: 'text/csv' } },
      },
    },
  ];
}
