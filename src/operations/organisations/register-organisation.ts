import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../access/actor.js';
import { enforce } from '../../access/policy.js';
import type { PrismaClient } from '../../db/prisma.js';
import { AppError } from '../../domain/app-error.js';
import type { Bilingual } from '../../domain/bilingual.js';
import { deriveOrgId } from '../../open-data/org-id.js';
import { organisationTypeNames, organisationTypes } from '../../domain/organisation-types.js';
import { normalisePostcode } from '../../domain/postcode.js';
import { numbersFor, type NumberProblem } from '../../domain/register-numbers.js';
import { oneLineText, plainText } from '../../domain/text.js';
import { message } from '../../domain/validation-messages.js';
import { auditOrganisationChange } from './organisation-audit.js';

export const registerOrganisationInput = z
  .strictObject({
    name: oneLineText(200).meta({ description: 'The organisation’s name, as on its governing document' }),
    type: z.enum(organisationTypes).meta({ description: 'Its legal form: which register numbers it needs follows from it' }),
    charityNumber: z.string().max(20).optional().meta({ description: 'Charity Commission for England and Wales number: needed for a charity and a CIO' }),
    companyNumber: z.string().max(20).optional().meta({ description: 'Companies House number: needed for a company limited by guarantee and a CIC' }),
    mutualsNumber: z.string().max(20).optional().meta({ description: 'FCA Mutuals Public Register number: needed for a community benefit society' }),
    address: plainText(500).meta({ description: 'Its address, without the postcode' }),
    postcode: z
      .string()
      .max(16)
      .transform((typed, context) => {
        const postcode = normalisePostcode(typed);
        if (postcode === null) context.addIssue({ code: 'custom', message: message('postcode') });
        return postcode ?? typed;
      })
      .meta({ description: 'A UK postcode, stored as Royal Mail writes it (SA1 1AA)' }),
    registerAnyway: z.boolean().default(false).meta({
      description: 'True, the second time, once the person has seen the likely duplicates and confirms this is a different body. Recorded in the audit record.',
    }),
  })
  .meta({ id: 'OrganisationRegistration' });

export type RegisterOrganisationInput = z.infer<typeof registerOrganisationInput>;

/** A registration refused for its numbers: which field, and why, so a page can say it beside the field. */
export class RegisterNumberProblem extends AppError {
  constructor(readonly problems: NumberProblem[]) {
    super('invalid_input', numberProblemText(problems[0] ?? { field: 'charityNumber', problem: 'missing' }));
  }
}

const numberNames: Record<NumberProblem['field'], Bilingual> = {
  charityNumber: { cy: 'rhif elusen', en: 'charity number' },
  companyNumber: { cy: 'rhif cwmni', en: 'company number' },
  mutualsNumber: { cy: 'rhif ar Gofrestr Cymdeithasau’r FCA', en: 'FCA Mutuals Public Register number' },
};

function numberProblemText({ field, problem }: NumberProblem): Bilingual {
  const name = numberNames[field];
  return problem === 'missing'
    ? { cy: `Mae angen ${name.cy} ar y math hwn o sefydliad`, en: `This type of organisation needs its ${name.en}` }
    : { cy: `Nid yw’r ${name.cy} yn edrych yn iawn`, en: `The ${name.en} does not look right` };
}

export interface LikelyDuplicate {
  id: string;
  name: string;
  orgId: string;
  /** Why it looks like the same body. */
  match: 'registered_number' | 'name_and_postcode';
}

export type RegisterOrganisationResult =
  { outcome: 'registered'; organisation: { id: string; name: string; orgId: string } } | { outcome: 'possible_duplicate'; duplicates: LikelyDuplicate[] };

/**
 * A signed-in person registers the organisation they act for, and becomes its lead (applicant_lead). One
 * that looks like an organisation already here (the same register number, or the same name and postcode
 * whatever their case) is not made until the person confirms it is a different body (`registerAnyway`),
 * and that confirmation is recorded; otherwise they should ask that organisation's lead for an invitation.
 * Until a caseworker verifies it, its expressions of interest are not screened.
 */
export async function registerOrganisation({
  prisma,
  actor,
  input,
  now,
}: {
  prisma: PrismaClient;
  actor: Actor | undefined;
  input: RegisterOrganisationInput;
  now: Date;
}): Promise<RegisterOrganisationResult> {
  enforce(actor, 'organisation.register');
  if (!actor) throw new Error('organisation.register needs a signed-in person');
  const { numbers, problems } = numbersFor(input.type, input);
  if (problems.length > 0) throw new RegisterNumberProblem(problems);

  const id = randomUUID();
  const orgId = deriveOrgId({ type: input.type, ...numbers, id });
  // Names compare case-insensitively in JavaScript's Unicode case rules (the database's lower() follows its
  // collation, which may leave Welsh letters such as Ŵ and Ê as they are), among those at the same postcode.
  const candidates = await prisma.organisation.findMany({
    where: {
      OR: [
        { orgId },
        ...(numbers.charityNumber ? [{ charityNumber: numbers.charityNumber }] : []),
        ...(numbers.companyNumber ? [{ companyNumber: numbers.companyNumber }] : []),
        ...(numbers.mutualsNumber ? [{ mutualsNumber: numbers.mutualsNumber }] : []),
        { postcode: input.postcode },
      ],
    },
    select: { id: true, name: true, orgId: true, charityNumber: true, companyNumber: true, mutualsNumber: true, postcode: true },
    orderBy: { createdAt: 'asc' },
  });
  const sameName = (name: string) => name.toLowerCase() === input.name.toLowerCase();
  const found = candidates
    .filter(
      (row) =>
        row.orgId === orgId ||
        (numbers.charityNumber !== undefined && row.charityNumber === numbers.charityNumber) ||
        (numbers.companyNumber !== undefined && row.companyNumber === numbers.companyNumber) ||
        (numbers.mutualsNumber !== undefined && row.mutualsNumber === numbers.mutualsNumber) ||
        sameName(row.name),
    )
    .slice(0, 10);
  const duplicates: LikelyDuplicate[] = found.map((row) => ({
    id: row.id,
    name: row.name,
    orgId: row.orgId,
    match:
      row.orgId === orgId ||
      (numbers.charityNumber !== undefined && row.charityNumber === numbers.charityNumber) ||
      (numbers.companyNumber !== undefined && row.companyNumber === numbers.companyNumber) ||
      (numbers.mutualsNumber !== undefined && row.mutualsNumber === numbers.mutualsNumber)
        ? 'registered_number'
        : 'name_and_postcode',
  }));
  if (duplicates.length > 0 && !input.registerAnyway) return { outcome: 'possible_duplicate', duplicates };
  // One register number is one body: its org-id cannot be given twice, whatever the person confirms.
  const sameOrgId = duplicates.find((duplicate) => duplicate.orgId === orgId);
  if (sameOrgId) {
    throw new AppError('conflict', {
      cy: `Mae ${sameOrgId.name} (${orgId}) eisoes wedi’i gofrestru gyda’r rhif hwn: gofynnwch i arweinydd y sefydliad hwnnw eich gwahodd, neu gwiriwch y rhif`,
      en: `${sameOrgId.name} (${orgId}) is already registered with this number: ask that organisation’s lead to invite you, or check the number`,
    });
  }

  const organisation = await prisma.$transaction(async (tx) => {
    const created = await tx.organisation.create({
      data: {
        id,
        kind: 'community_group',
        name: input.name,
        legalForm: input.type,
        charityNumber: numbers.charityNumber ?? null,
        companyNumber: numbers.companyNumber ?? null,
        mutualsNumber: numbers.mutualsNumber ?? null,
        address: input.address,
        postcode: input.postcode,
        orgId,
        createdAt: now,
      },
      select: { id: true, name: true, orgId: true },
    });
    const grant = await tx.roleGrant.create({ data: { personId: actor.personId, role: 'applicant_lead', organisationId: id, grantedAt: now } });
    const typeName = organisationTypeNames[input.type];
    await auditOrganisationChange(tx, {
      organisationId: id,
      personId: actor.personId,
      role: null,
      at: now,
      command: 'organisation.register',
      summary: {
        cy: `Cofrestrwyd y sefydliad (${typeName.cy}); daeth y person a’i cofrestrodd yn arweinydd arno`,
        en: `The organisation was registered (${typeName.en}); the person who registered it became its lead`,
      },
      changes: {
        name: input.name,
        type: input.type,
        ...numbers,
        address: input.address,
        postcode: input.postcode,
        orgId,
        leadGrantId: grant.id,
        // The person was shown these and said this is a different body.
        confirmedDistinctFrom: duplicates.length > 0 ? duplicates.map((d) => ({ id: d.id, name: d.name, orgId: d.orgId, match: d.match })) : undefined,
      },
    });
    return created;
  });
  return { outcome: 'registered', organisation };
}
