import type { PrismaClient } from '../db/prisma.js';
import type { CfpApplicationState } from '../workflows/cfp-application.messages.js';
import { dateInWales } from '../domain/wales-time.js';

// Awarded grants as open data in the 360Giving Data Standard 1.4 (https://standard.threesixtygiving.org),
// the way UK funders publish what they fund: JSON (a package of grants) and the flat CSV layout most
// publishers use. Everything here is already public once a grant is accepted (who got how much, for what,
// where); nothing about people is published, only organisations.

/**
 * The funder. Welsh Government's org-id.guide identifier (in the GB-GOR register) was not confirmed when
 * this was written, so until it is the id is one under our own 360Giving prefix, as the standard allows
 * for organisations without a registered identifier, and the same one the development seed gives the
 * funder. CHANGE HERE (or pass `funder`) once the GB-GOR identifier is confirmed on org-id.guide: a wrong
 * registered id would link these grants to another organisation in GrantNav, an internal one links nothing.
 */
export const welshGovernment: ThreeSixtyGivingOrganisation = { id: '360G-CYMUNED-LLYWODRAETH-CYMRU', name: 'Welsh Government' };

/** Our 360Giving publisher prefix: every grant id starts with it. */
export const cymunedPrefix = '360G-CYMUNED';

/** Welsh Government publishes its data under the Open Government Licence v3.0, as its other open data. */
export const openGovernmentLicence = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

/**
 * How long a project is planned to run from acceptance. The programme policy (config/programmes/cfp.json)
 * sets no delivery period, so this is a working assumption for 360Giving's "planned dates", not a rule:
 * two years covers the building works CFP pays for, from acceptance through procurement to the final
 * claim. Move it into the policy when the programme sets one.
 */
export const plannedDeliveryMonths = 24;

const programmeTitles: Record<string, string> = { CFP: 'Community Facilities Programme' };

/** ONS entity code prefixes of local authority codes, as 360Giving's geoCodeType codelist names them. */
const localAuthorityCodeTypes: Record<string, string> = { W06: 'UA', E06: 'UA', E07: 'NMD', E08: 'MD', E09: 'LONB', S12: 'CA' };

export interface ThreeSixtyGivingOrganisation {
  id: string;
  name: string;
  charityNumber?: string;
  companyNumber?: string;
}

export interface ThreeSixtyGivingLocation {
  geoCode: string;
  /** From 360Giving's geoCodeType codelist: LSOA for small areas, UA for Welsh councils. */
  geoCodeType: string;
  name?: string;
  countryCode: 'GB';
}

export interface ThreeSixtyGivingDates {
  /** YYYY-MM-DD, in Wales. */
  startDate: string;
  endDate: string;
  /** Months. */
  duration?: number;
}

/** One grant, with the fields of the 360Giving grant schema this system can fill. */
export interface ThreeSixtyGivingGrant {
  id: string;
  title: string;
  description: string;
  currency: 'GBP';
  /** Pounds, not pence: 360Giving amounts are in currency units. */
  amountAwarded: number;
  /** Pounds paid so far (confirmed payments); absent until the first payment. */
  amountDisbursed?: number;
  /** The date of the decision to award, YYYY-MM-DD in Wales. */
  awardDate: string;
  plannedDates: ThreeSixtyGivingDates[];
  /** From acceptance to completion (the final claim paid); absent until completed. */
  actualDates?: ThreeSixtyGivingDates[];
  recipientOrganization: ThreeSixtyGivingOrganisation[];
  fundingOrganization: ThreeSixtyGivingOrganisation[];
  grantProgramme: { code: string; title: string }[];
  beneficiaryLocation: ThreeSixtyGivingLocation[];
  fromOpenCall: 'Yes' | 'No';
  /** When anything published here last changed (the case, the award or a payment), full date-time. */
  dateModified: string;
}

export interface ThreeSixtyGivingPackage {
  version: '1.4';
  title: string;
  description: string;
  identifier: string;
  issued: string;
  modified: string;
  license: string;
  publisher: { identifier: string; name: string; prefix: string };
  grants: ThreeSixtyGivingGrant[];
}

export interface ThreeSixtyGivingOptions {
  prefix?: string;
  funder?: ThreeSixtyGivingOrganisation;
}

/**
 * Integer pence as a number of pounds, e.g. 1_800_000n -> 18000, 12_345n -> 123.45. Built from the exact
 * decimal digits, so the number is the one that prints as that figure: no pence are lost or invented.
 */
export function poundsFromPence(pence: bigint): number {
  if (pence > BigInt(Number.MAX_SAFE_INTEGER) || pence < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${pence} pence is too large to publish exactly`);
  const magnitude = pence < 0n ? -pence : pence;
  return Number(`${pence < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`);
}

// Award dates are dates in Wales (src/domain/wales-time.ts); re-exported for the export's tests.
export { dateInWales };

/** `date` (YYYY-MM-DD) plus whole months, keeping the day where the month has it (29 Feb + 24 months = 28 Feb). */
export function addMonths(date: string, months: number): string {
  const [year = NaN, month = NaN, day = NaN] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

const latest = (...dates: (Date | null | undefined)[]): Date =>
  new Date(Math.max(...dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())));

/**
 * Every award as a 360Giving grant, in reference order. Amounts are summed in integer pence (in the
 * database) and turned into pounds once, at the end. Throws when an award has no application or
 * organisation behind it: the data would be wrong, and publishing less than was awarded is wrong too.
 */
export async function threeSixtyGivingGrants(
  prisma: PrismaClient,
  { prefix = cymunedPrefix, funder = welshGovernment }: ThreeSixtyGivingOptions = {},
): Promise<ThreeSixtyGivingGrant[]> {
  const awards = await prisma.award.findMany({ orderBy: { applicationReference: 'asc' } });
  if (awards.length === 0) return [];
  const references = awards.map((a) => a.applicationReference);
  const [applications, organisations, payments] = await Promise.all([
    prisma.application.findMany({ where: { reference: { in: references } } }),
    prisma.organisation.findMany({ where: { id: { in: [...new Set(awards.map((a) => a.organisationId))] } } }),
    prisma.ledgerEntry.groupBy({
      by: ['awardReference'],
      where: { kind: 'payment_confirmed', awardReference: { in: references } },
      _sum: { amountPence: true },
      _max: { recordedAt: true },
    }),
  ]);
  const lsoaCodes = [...new Set(applications.map((a) => a.lsoaCode).filter((code): code is string => code !== null))];
  const areas =
    lsoaCodes.length === 0
      ? []
      : await prisma.wimdArea.findMany({ where: { lsoaCode: { in: lsoaCodes } }, select: { edition: true, lsoaCode: true, lsoaName: true } });

  const applicationOf = new Map(applications.map((a) => [a.reference, a]));
  const organisationOf = new Map(organisations.map((o) => [o.id, o]));
  const paymentsOf = new Map(payments.map((p) => [p.awardReference, p]));
  const lsoaNameOf = new Map(areas.map((a) => [`${a.edition}/${a.lsoaCode}`, a.lsoaName]));

  return awards.map((award): ThreeSixtyGivingGrant => {
    const application = applicationOf.get(award.applicationReference);
    const organisation = organisationOf.get(award.organisationId);
    if (!application || !organisation)
      throw new Error(`award ${award.applicationReference} has no ${application ? 'organisation' : 'application'} to publish it with`);
    const state = application.snapshot as unknown as CfpApplicationState;
    const paid = paymentsOf.get(award.applicationReference);
    const disbursedPence = paid?._sum.amountPence ?? null;

    const beneficiaryLocation: ThreeSixtyGivingLocation[] = [];
    if (application.lsoaCode) {
      const name = lsoaNameOf.get(`${application.wimdEdition}/${application.lsoaCode}`);
      beneficiaryLocation.push({ geoCode: application.lsoaCode, geoCodeType: 'LSOA', ...(name ? { name } : {}), countryCode: 'GB' });
    }
    const councilType = application.localAuthorityCode ? localAuthorityCodeTypes[application.localAuthorityCode.slice(0, 3)] : undefined;
    if (application.localAuthorityCode && councilType) {
      beneficiaryLocation.push({
        geoCode: application.localAuthorityCode,
        geoCodeType: councilType,
        ...(application.localAuthorityName ? { name: application.localAuthorityName } : {}),
        countryCode: 'GB',
      });
    }

    const accepted = dateInWales(award.acceptedAt);
    return {
      id: `${prefix}-${award.applicationReference}`,
      title: application.projectTitle,
      // The summary the group wrote for the public-facing part of its expression of interest.
      description: state.eoi?.projectSummary?.trim() || application.projectTitle,
      currency: 'GBP',
      amountAwarded: poundsFromPence(award.amountPence),
      ...(disbursedPence !== null && disbursedPence > 0n ? { amountDisbursed: poundsFromPence(disbursedPence) } : {}),
      awardDate: dateInWales(award.decidedAt),
      plannedDates: [{ startDate: accepted, endDate: addMonths(accepted, plannedDeliveryMonths), duration: plannedDeliveryMonths }],
      ...(award.completedAt ? { actualDates: [{ startDate: accepted, endDate: dateInWales(award.completedAt) }] } : {}),
      recipientOrganization: [
        {
          id: organisation.orgId,
          name: organisation.name,
          ...(organisation.charityNumber ? { charityNumber: organisation.charityNumber } : {}),
          ...(organisation.companyNumber ? { companyNumber: organisation.companyNumber } : {}),
        },
      ],
      fundingOrganization: [{ id: funder.id, name: funder.name }],
      grantProgramme: [{ code: application.programme, title: programmeTitles[application.programme] ?? application.programme }],
      beneficiaryLocation,
      // CFP takes expressions of interest from any eligible group: an open call.
      fromOpenCall: 'Yes',
      dateModified: latest(application.updatedAt, award.acceptedAt, award.completedAt, paid?._max.recordedAt).toISOString(),
    };
  });
}

/**
 * The grants with the package metadata 360Giving's package schema describes. With no awards yet `grants`
 * is empty, which the package schema (minItems 1) calls invalid: publishThreeSixtyGiving
 * (./publish-three-sixty-giving.ts) decides what may leave.
 */
export async function threeSixtyGivingPackage(
  prisma: PrismaClient,
  { now, license = openGovernmentLicence, ...options }: ThreeSixtyGivingOptions & { now: Date; license?: string },
): Promise<ThreeSixtyGivingPackage> {
  const prefix = options.prefix ?? cymunedPrefix;
  const funder = options.funder ?? welshGovernment;
  const grants = await threeSixtyGivingGrants(prisma, { prefix, funder });
  return {
    version: '1.4',
    title: `${funder.name}: Community Facilities Programme grants`,
    description: 'Every grant awarded and accepted under the Community Facilities Programme, with what has been paid of it so far.',
    identifier: `${prefix}-CFP-GRANTS`,
    issued: now.toISOString(),
    modified: now.toISOString(),
    license,
    publisher: { identifier: funder.id, name: funder.name, prefix },
    grants,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The flat CSV layout: one row per grant, column titles from the schema's titles joined with ':', and
// repeated things (beneficiary locations) numbered from 0, as 360Giving's spreadsheet guidance has it.

type Cell = string | number | undefined;

/**
 * A spreadsheet opens a cell starting with = + - @ (or a tab or carriage return) as a formula. Project
 * titles and summaries come from applicants, and this file is public: such text gets a leading apostrophe,
 * which spreadsheets show as text and hide (OWASP's advice against CSV injection).
 */
function safeText(text: string | undefined): string | undefined {
  return text !== undefined && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes. */
function csvField(cell: Cell): string {
  const text = cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function threeSixtyGivingCsv(grants: readonly ThreeSixtyGivingGrant[]): string {
  const columns: [string, (grant: ThreeSixtyGivingGrant) => Cell][] = [
    ['Identifier', (g) => g.id],
    ['Title', (g) => safeText(g.title)],
    ['Description', (g) => safeText(g.description)],
    ['Currency', (g) => g.currency],
    ['Amount Awarded', (g) => g.amountAwarded],
    ['Amount Disbursed', (g) => g.amountDisbursed],
    ['Award Date', (g) => g.awardDate],
    ['Planned Dates:Start Date', (g) => g.plannedDates[0]?.startDate],
    ['Planned Dates:End Date', (g) => g.plannedDates[0]?.endDate],
    ['Planned Dates:Duration (months)', (g) => g.plannedDates[0]?.duration],
    ['Actual Dates:Start Date', (g) => g.actualDates?.[0]?.startDate],
    ['Actual Dates:End Date', (g) => g.actualDates?.[0]?.endDate],
    ['Recipient Org:Identifier', (g) => g.recipientOrganization[0]?.id],
    ['Recipient Org:Name', (g) => safeText(g.recipientOrganization[0]?.name)],
    ['Recipient Org:Charity Number', (g) => g.recipientOrganization[0]?.charityNumber],
    ['Recipient Org:Company Number', (g) => g.recipientOrganization[0]?.companyNumber],
    ['Funding Org:Identifier', (g) => g.fundingOrganization[0]?.id],
    ['Funding Org:Name', (g) => g.fundingOrganization[0]?.name],
    ['Grant Programme:Code', (g) => g.grantProgramme[0]?.code],
    ['Grant Programme:Title', (g) => g.grantProgramme[0]?.title],
    ['From An Open Call?', (g) => g.fromOpenCall],
  ];
  const locations = Math.max(0, ...grants.map((g) => g.beneficiaryLocation.length));
  for (let i = 0; i < locations; i++) {
    columns.push(
      [`Beneficiary Location:${i}:Name`, (g) => safeText(g.beneficiaryLocation[i]?.name)],
      [`Beneficiary Location:${i}:Country Code`, (g) => g.beneficiaryLocation[i]?.countryCode],
      [`Beneficiary Location:${i}:Geographic Code`, (g) => g.beneficiaryLocation[i]?.geoCode],
      [`Beneficiary Location:${i}:Geographic Code Type`, (g) => g.beneficiaryLocation[i]?.geoCodeType],
    );
  }
  columns.push(['Last Modified', (g) => g.dateModified]);

  const rows = [columns.map(([title]) => title), ...grants.map((grant) => columns.map(([, cell]) => cell(grant)))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
