import type { PrismaClient } from '../../db/prisma.js';
import { approveRecoveryReduction, approveRecoveryReductionInput } from '../../operations/clawback/approve-recovery-reduction.js';
import { confirmRecovery, confirmRecoveryInput } from '../../operations/clawback/confirm-recovery.js';
import { getRecovery } from '../../operations/clawback/get-recovery.js';
import { issueRecoveryInvoice, issueRecoveryInvoiceInput } from '../../operations/clawback/issue-recovery-invoice.js';
import { recordBreach, recordBreachInput } from '../../operations/clawback/record-breach.js';
import { recordRecoveryReceived, recordRecoveryReceivedInput } from '../../operations/clawback/record-recovery-received.js';
import { writeOffRecovery, writeOffRecoveryInput } from '../../operations/clawback/write-off-recovery.js';
import type { CfpPolicyCatalogue } from '../../programmes/cfp-policy.js';
import type { Route } from '../route-table.js';
import { breachAwardParams, recoveryParams, recoveryResponse } from './recoveries.schema.js';

const inOrder = 'Refused (409) unless the recovery is at the step before this one; the reason is in the problem’s detail.';

/** Clawback: a breach of an award's conditions, and the recovery it leads to, one step per route. */
export function recoveryRoutes({ prisma, cfpPolicies }: { prisma: PrismaClient; cfpPolicies: CfpPolicyCatalogue }): Route[] {
  return [
    {
      method: 'post',
      path: '/api/awards/:reference/breaches',
      action: 'recovery.record',
      handler: async (req, res) => {
        const { reference } = breachAwardParams.parse(req.params);
        const input = recordBreachInput.parse(req.body);
        const recovery = await recordBreach({ prisma, policies: cfpPolicies, actor: req.actor, reference, input, now: new Date() });
        res.status(201).location(`/api/recoveries/${recovery.id}`).json(recovery);
      },
      docs: {
        summary: 'Record a breach of the grant’s conditions, opening a recovery with the amount repayable (caseworker)',
        description:
          'The amount is worked out by the award’s policy version from what the group holds (payments the bank confirmed, less earlier recoveries): all of it for misrepresentation or a breach before completion; within the monitoring period all of it (no taper) or the share of the period left on the day of the breach (straight-line taper), rounded up to the penny; nothing after the period. Refused (409) when another recovery on the award is open, nothing has been paid, or nothing is repayable.',
        tags: ['Clawback'],
        params: breachAwardParams,
        body: recordBreachInput,
        responses: { 201: { description: 'Recorded', body: recoveryResponse, headers: { Location: 'The recovery' } } },
        problems: [409],
      },
    },
    {
      method: 'get',
      path: '/api/recoveries/:id',
      action: 'recovery.read',
      handler: async (req, res) => {
        const { id } = recoveryParams.parse(req.params);
        res.json(await getRecovery({ prisma, actor: req.actor, id }));
      },
      docs: {
        summary: 'Read a recovery: the breach, the amounts, the invoice and what has been received or written off',
        tags: ['Clawback'],
        params: recoveryParams,
        responses: { 200: { description: 'The recovery', body: recoveryResponse } },
      },
    },
    {
      method: 'post',
      path: '/api/recoveries/:id/confirmation',
      action: 'recovery.confirm',
      handler: async (req, res) => {
        const { id } = recoveryParams.parse(req.params);
        const input = confirmRecoveryInput.parse(req.body);
        const { recovery, awaitingSecondApprover } = await confirmRecovery({ prisma, policies: cfpPolicies, actor: req.actor, id, input, now: new Date() });
        res.status(awaitingSecondApprover ? 202 : 200).json(recovery);
      },
      docs: {
        summary: 'Confirm the amount to recover, or lower it with a reason (finance approver, not the person who recorded the breach)',
        description: `${inOrder} Asking for more than the assessed amount, or for less without a reason, is refused (400). Lowering it by more than the award’s policy lets one finance approver (\`recoveryApproval\`, a share of the assessed amount) only asks for it (202): the recovery stays recorded, with its \`reduction\`, until another finance approver agrees (POST …/reduction-approval).`,
        tags: ['Clawback'],
        params: recoveryParams,
        body: confirmRecoveryInput,
        responses: {
          200: { description: 'Confirmed', body: recoveryResponse },
          202: { description: 'The lower amount waits for a second finance approver', body: recoveryResponse },
        },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/recoveries/:id/reduction-approval',
      action: 'recovery.confirm',
      handler: async (req, res) => {
        const { id } = recoveryParams.parse(req.params);
        approveRecoveryReductionInput.parse(req.body ?? {});
        res.json(await approveRecoveryReduction({ prisma, actor: req.actor, id, now: new Date() }));
      },
      docs: {
        summary: 'Agree to lower a recovery as another finance approver asked (finance approver, not the one who asked nor the one who recorded the breach)',
        description: `Confirms the recovery at the lower amount. Refused (403) to the one who asked for it, with the reason, and (409) when no lowering is waiting. ${inOrder}`,
        tags: ['Clawback'],
        params: recoveryParams,
        body: approveRecoveryReductionInput,
        responses: { 200: { description: 'Confirmed at the lower amount', body: recoveryResponse } },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/recoveries/:id/invoice',
      action: 'recovery.collect',
      handler: async (req, res) => {
        const { id } = recoveryParams.parse(req.params);
        issueRecoveryInvoiceInput.parse(req.body ?? {});
        res.json(await issueRecoveryInvoice({ prisma, actor: req.actor, id, now: new Date() }));
      },
      docs: {
        summary: 'Invoice the group for a confirmed recovery (finance officer)',
        description: `Gives it the next invoice number (INV-CYM-000001 onwards, without gaps) and writes its recovery_invoiced ledger entry once. ${inOrder}`,
        tags: ['Clawback'],
        params: recoveryParams,
        body: issueRecoveryInvoiceInput,
        responses: { 200: { description: 'Invoiced', body: recoveryResponse } },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/recoveries/:id/receipts',
      action: 'recovery.collect',
      handler: async (req, res) => {
        const { id } = recoveryParams.parse(req.params);
        const input = recordRecoveryReceivedInput.parse(req.body);
        res.json(await recordRecoveryReceived({ prisma, actor: req.actor, id, input, now: new Date() }));
      },
      docs: {
        summary: 'Record money received against an invoiced recovery, in full or in part (finance officer)',
        description: `Each receipt is one recovery_received ledger entry; when they add up to the amount, the recovery is received. More than is outstanding is refused (409). A receipt is a new one each time it is sent: send an Idempotency-Key to repeat a request safely. ${inOrder}`,
        tags: ['Clawback'],
        params: recoveryParams,
        body: recordRecoveryReceivedInput,
        responses: { 200: { description: 'Recorded; the recovery as it now stands', body: recoveryResponse } },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/recoveries/:id/write-off',
      action: 'recovery.write_off',
      handler: async (req, res) => {
        const { id } = recoveryParams.parse(req.params);
        const input = writeOffRecoveryInput.parse(req.body);
        res.json(await writeOffRecovery({ prisma, actor: req.actor, id, input, now: new Date() }));
      },
      docs: {
        summary: 'Write off what is still owed on an invoiced recovery, with a reason (a finance approver who did not confirm its amount)',
        description: `One recovery_written_off ledger entry for the rest, and the recovery is closed. Refused (403) to whoever confirmed the amount or agreed to lower it. ${inOrder}`,
        tags: ['Clawback'],
        params: recoveryParams,
        body: writeOffRecoveryInput,
        responses: { 200: { description: 'Written off', body: recoveryResponse } },
        problems: [409],
      },
    },
  ];
}
