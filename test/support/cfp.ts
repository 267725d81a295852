import { randomUUID } from 'node:crypto';
import type { EoiAnswers, FullApplicationAnswers } from '../../src/domain/cfp/answers.js';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import type { Scores } from '../../src/domain/cfp/scoring.js';
import type { RoleName } from '../../src/domain/roles.js';
import { loadCfpPolicies } from '../../src/programmes/cfp-policy.js';
import type { CommandActor } from '../../src/workflows/case/case.messages.js';
import type { AreaRef, CfpApplicationState } from '../../src/workflows/cfp-application.messages.js';
import type { PrismaClient } from '../../src/db/prisma.js';
import type { CfpStatus } from '../../src/domain/cfp/status.js';
import { appendLedgerEntries } from '../../src/finance/ledger.js';

// Community Facilities Programme cases for tests: the real policy file's latest version with durations of
// seconds, and answers that pass every eligibility rule.

export async function testPolicy(durations: Partial<CfpPolicy['durations']> = {}): Promise<CfpPolicy> {
  const catalogue = await loadCfpPolicies();
  const newest = catalogue.versions.at(-1);
  if (!newest) throw new Error('no CFP policy');
  // No case officer given on submission (a test that wants one says so), whenever the suite runs.
  const latest = { ...newest };
  delete latest.caseOfficerAssignment;
  const seconds = { eoi_screening: '1 hour', assessment: '1 hour', recommendation: '1 hour', decision: '1 hour' };
  return {
    ...latest,
    version: `TEST-${randomUUID().slice(0, 8)}`,
    durations: {
      fullApplicationWindow: '1 hour',
      fullApplicationReminders: ['30 minutes'],
      informationResponseWindow: '1 hour',
      offerAcceptanceWindow: '1 hour',
      serviceLevels: seconds,
      fastTrackServiceLevels: seconds,
      ...durations,
    },
  };
}

export const area: AreaRef = {
  lsoaCode: 'W01000001',
  edition: 'WIMD2019',
  rank: 885,
  decile: 5,
  localAuthorityCode: 'W06000001',
  localAuthorityName: 'Isle of Anglesey',
};

export function eoiAnswers(overrides: Partial<EoiAnswers> = {}): EoiAnswers {
  return {
    projectSummary: 'Adnewyddu to’r neuadd a gosod paneli solar',
    facility: { name: 'Neuadd Bentref Aberffraw', address: 'Stryd Fawr, Aberffraw', postcode: 'LL63 5BN', lsoaCode: 'W01000001', inWales: true },
    requestedPence: 2_000_000,
    totalCostPence: 2_500_000,
    governance: {
      constitutionSignedOn: '2019-05-01',
      bankAccountInOwnName: true,
      unrelatedSignatories: 2,
      distributesProfit: false,
      unrestrictedReservesPence: 1_000_000,
      hasReservesPolicy: false,
      unrelatedBoardMembers: 5,
    },
    partners: ['Cyngor Cymuned Aberffraw'],
    tenure: { kind: 'freehold', leaseYearsAfterCompletion: null },
    ...overrides,
  };
}

export function fullApplicationAnswers(): FullApplicationAnswers {
  return {
    projectDescription: 'Mae’r to yn gollwng ac mae’r neuadd yn oer.',
    communityNeed: 'Dyma’r unig le cyfarfod yn y pentref.',
    localUse: 'Defnyddir y neuadd bob dydd gan 12 grŵp.',
    deliveryPlan: 'Contractwr lleol, 12 wythnos, gan ddechrau ym mis Ebrill.',
    sustainability: 'Bydd y paneli solar yn torri’r biliau ynni o hanner.',
    matchFunding: [{ source: 'Cronfa’r Loteri Genedlaethol', pence: 500_000, secured: true, inKind: false }],
  };
}

/** Scores of `each` out of 5 on every criterion of `policy`. */
export function scores(policy: CfpPolicy, each: number): Scores {
  return Object.fromEntries(policy.assessment.criteria.map((c) => [c.id, { score: each, justification: `Sgôr ${each}: tystiolaeth glir` }]));
}

export function actor(personId: string, role: RoleName, organisationId: string | null = null, delegatedLimitPence: number | null = null): CommandActor {
  return { personId, role, organisationId, delegatedLimitPence };
}

export const now = () => new Date().toISOString();

/**
 * A whole case's state as the workflow records it (a few kB): a small grant with every answer given and
 * scored, and nothing else decided unless `given` says so.
 */
export function applicationState(
  given: Partial<CfpApplicationState> & Pick<CfpApplicationState, 'reference' | 'organisation' | 'status'>,
): CfpApplicationState {
  return {
    policyVersion: 'CFP-2024',
    language: 'cy',
    projectTitle: 'To newydd i’r neuadd',
    caseOfficerId: null,
    fastTrack: false,
    eoi: eoiAnswers(),
    area,
    tier: 'small',
    screening: null,
    fullApplication: fullApplicationAnswers(),
    conflicts: [],
    assessments: [],
    moderation: null,
    score: { total: 80, priority: 80 },
    recommendation: null,
    decision: null,
    offer: null,
    informationRequest: null,
    clock: null,
    applicantAction: null,
    fullApplicationDueAt: null,
    closingReason: null,
    tenureTransfer: null,
    lastSequence: 1,
    ...given,
  };
}

/**
 * A CFP application written straight into the read model, with no workflow behind it: for tests of reads,
 * lists and access. Commands sent to it find no workflow and are refused as on a closed case (409).
 */
export async function insertApplication(
  prisma: PrismaClient,
  {
    reference,
    organisation,
    status = 'offered',
    caseOfficerId = null,
  }: { reference: string; organisation: { id: string; name: string }; status?: CfpStatus; caseOfficerId?: string | null },
): Promise<void> {
  const at = '2026-06-01T09:00:00.000Z';
  const state = applicationState({
    reference,
    organisation,
    status,
    caseOfficerId,
    decision: { outcome: 'approve', amountPence: 1_800_000, reasons: 'Da', by: randomUUID(), role: 'approver', at },
    offer: {
      amountPence: 1_800_000,
      conditions: [{ cy: 'Amod', en: 'Condition' }],
      offeredAt: at,
      acceptBy: '2026-07-01T09:00:00.000Z',
      decidedBy: randomUUID(),
    },
    applicantAction: { action: 'respond_to_offer', dueAt: '2026-07-01T09:00:00.000Z' },
  });
  await prisma.application.create({
    data: {
      reference,
      policyVersion: state.policyVersion,
      organisationId: organisation.id,
      organisationName: organisation.name,
      language: state.language,
      projectTitle: state.projectTitle,
      status,
      stage: 'offer',
      caseOfficerId,
      tier: 'small',
      requestedPence: 2_000_000n,
      awardedPence: 1_800_000n,
      lsoaCode: area.lsoaCode,
      localAuthorityCode: area.localAuthorityCode,
      localAuthorityName: area.localAuthorityName,
      wimdEdition: area.edition,
      wimdRank: area.rank,
      wimdDecile: area.decile,
      applicantAction: 'respond_to_offer',
      applicantDueAt: new Date('2026-07-01T09:00:00.000Z'),
      snapshot: JSON.parse(JSON.stringify(state)),
      lastEventSequence: 1,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    },
  });
}

/**
 * An accepted application with its award committed in full (the ledger's commitment entry), written
 * straight into the read model: a grant the group can claim against, with no workflow behind the application.
 */
export async function insertCommittedAward(
  prisma: PrismaClient,
  { reference, organisation, amountPence }: { reference: string; organisation: { id: string; name: string }; amountPence: bigint },
): Promise<void> {
  await insertApplication(prisma, { reference, organisation, status: 'accepted' });
  await prisma.award.create({
    data: {
      applicationReference: reference,
      organisationId: organisation.id,
      amountPence,
      conditions: [],
      policyVersion: 'CFP-2024',
      decidedAt: new Date(),
      acceptedAt: new Date(),
      financialYear: 2026,
    },
  });
  await appendLedgerEntries(prisma, [
    {
      entryKey: `commitment:${reference}`,
      awardReference: reference,
      programme: 'CFP',
      financialYear: 2026,
      kind: 'commitment',
      amountPence,
      occurredAt: new Date(),
    },
  ]);
}
