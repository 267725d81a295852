import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetAvailabilities, assetAvailabilityAfter } from '../../src/domain/cat/asset-availability.js';
import type { ValuationRules } from '../../src/domain/cat/process.js';
import { transferStatuses } from '../../src/domain/cat/status.js';
import { firstStage, routeOf, stageAfter } from '../../src/domain/cat/stages.js';
import { tenureMeetsGrant } from '../../src/domain/cat/tenure.js';
import { assessValuation } from '../../src/domain/cat/valuation.js';
import { loadTransferProcesses } from '../../src/programmes/transfer-processes.js';

const rules: ValuationRules = { version: 'GDC', effectiveFrom: '2003-12-31', undervalueConsentLimitPence: 200_000_000, bestConsiderationMaxTenancyYears: 7 };

describe('valuation of a disposal', () => {
  it('needs the Welsh Ministers only above the £2m undervalue, and a justification for any undervalue', () => {
    const atLimit = assessValuation({ marketValuePence: 200_000_100, considerationPence: 100, tenure: { kind: 'freehold', termYears: null } }, rules);
    expect(atLimit).toEqual({ undervaluePence: 200_000_000, bestConsiderationApplies: true, needsMinistersConsent: false, needsWellBeingJustification: true });
    const above = assessValuation({ marketValuePence: 200_000_101, considerationPence: 100, tenure: { kind: 'lease', termYears: 99 } }, rules);
    expect(above.needsMinistersConsent).toBe(true);
    const full = assessValuation({ marketValuePence: 5_000_000, considerationPence: 6_000_000, tenure: { kind: 'lease', termYears: 25 } }, rules);
    expect(full).toMatchObject({ undervaluePence: 0, needsMinistersConsent: false, needsWellBeingJustification: false });
  });

  it('leaves tenancies of seven years or less, and licences of that length, outside the best-consideration duty', () => {
    for (const tenure of [
      { kind: 'lease', termYears: 7 },
      { kind: 'licence', termYears: 3 },
    ] as const) {
      expect(assessValuation({ marketValuePence: 900_000_000, considerationPence: 0, tenure }, rules)).toMatchObject({
        bestConsiderationApplies: false,
        needsMinistersConsent: false,
        needsWellBeingJustification: false,
      });
    }
    expect(
      assessValuation({ marketValuePence: 900_000_000, considerationPence: 0, tenure: { kind: 'lease', termYears: 8 } }, rules).needsMinistersConsent,
    ).toBe(true);
  });
});

describe('a transfer’s route', () => {
  const guide = {
    stages: [
      'enquiry',
      'expression_of_interest',
      'initial_assessment',
      'business_plan',
      'evaluation',
      'decision',
      'heads_of_terms',
      'legal_completion',
      'monitoring',
    ] as const,
  };
  const short = { stages: ['expression_of_interest', 'evaluation', 'decision', 'heads_of_terms', 'legal_completion'] as const };
  const plain = { needsMinistersConsent: false, openSpace: false };

  it('adds the consent step before heads of terms and the open-space notice after them only when they apply', () => {
    expect(routeOf({ stages: [...guide.stages] }, { needsMinistersConsent: true, openSpace: true }).slice(5)).toEqual([
      'decision',
      'ministers_consent',
      'heads_of_terms',
      'open_space_notice',
      'legal_completion',
      'monitoring',
    ]);
    expect(stageAfter({ stages: [...guide.stages] }, 'decision', plain)).toBe('heads_of_terms');
    expect(stageAfter({ stages: [...guide.stages] }, 'heads_of_terms', { ...plain, openSpace: true })).toBe('open_space_notice');
  });

  it('follows only the stages a body runs, and ends after completion when it does not monitor', () => {
    expect(firstStage({ stages: [...short.stages] }, plain)).toBe('expression_of_interest');
    expect(stageAfter({ stages: [...short.stages] }, 'expression_of_interest', plain)).toBe('evaluation');
    expect(stageAfter({ stages: [...short.stages] }, 'legal_completion', plain)).toBeNull();
  });
});

describe('a transfer as security of tenure for a grant', () => {
  it('is met by the freehold or a lease at least the programme’s minimum, never by a licence', () => {
    expect(tenureMeetsGrant({ kind: 'freehold', termYears: null }, 25)).toBe(true);
    expect(tenureMeetsGrant({ kind: 'lease', termYears: 25 }, 25)).toBe(true);
    expect(tenureMeetsGrant({ kind: 'lease', termYears: 24 }, 25)).toBe(false);
    expect(tenureMeetsGrant({ kind: 'licence', termYears: 99 }, 25)).toBe(false);
  });
});

describe('transfer process configuration', () => {
  it('loads the shipped processes, with a body’s own version and the default for everyone else', async () => {
    const catalogue = await loadTransferProcesses();
    const instant = new Date('2026-11-23T12:00:00Z');
    expect(catalogue.effectiveFor('GB-LAE-DYT', instant).deciders.decision).toBe('director');
    expect(catalogue.effectiveFor('GB-LAE-XYZ', instant).owner).toBe('default');
    expect(catalogue.effectiveFor('GB-LAE-XYZ', instant).valuation.undervalueConsentLimitPence).toBe(200_000_000);
    // Before Dyffryn Teg's own process took effect, it ran the default one.
    expect(catalogue.effectiveFor('GB-LAE-DYT', new Date('2020-01-01T12:00:00Z')).owner).toBe('default');
  });

  it('refuses a process that cannot work, naming each field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cymuned-cat-'));
    try {
      const file = path.join(dir, 'processes.json');
      const shipped = await loadTransferProcesses();
      const broken = {
        valuationRules: shipped.valuationRules,
        processes: [
          {
            ...shipped.processes.find((p) => p.owner === 'default'),
            stages: ['decision', 'evaluation', 'heads_of_terms'],
            deciders: { decision: 'cabinet', heads_of_terms: 'mayor', legal_completion: 'monitoring_officer' },
          },
        ],
      };
      await writeFile(file, JSON.stringify(broken));
      const error = await loadTransferProcesses(file).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toContain('processes.0.stages: must include evaluation, decision, heads_of_terms, legal_completion');
      expect(error?.message).toContain('processes.0.stages: must be in the order');
      expect(error?.message).toContain('processes.0.deciders.heads_of_terms');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the register after a transfer', () => {
  it('leaves the asset in a state the register can show, whatever the transfer’s status', () => {
    for (const status of transferStatuses) {
      const availability = assetAvailabilityAfter(status);
      if (availability !== null) expect(assetAvailabilities).toContain(availability);
    }
    expect(assetAvailabilityAfter('legal_completion')).toBeNull();
    expect(assetAvailabilityAfter('monitoring')).toBe('transferred');
    expect(assetAvailabilityAfter('returned')).toBe('returned');
  });
});
