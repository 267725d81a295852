import type { RoleName } from '../domain/roles.js';

// Made-up organisations and people for trying Cymuned on a laptop. Every name, number and address here is
// fictitious (emails are under the reserved .example domain, so nothing is ever sent to anyone); the
// org-id.guide prefixes are real so identifiers look as they will in production. The passwords are public:
// that is the point, and why seeding refuses to run in production.

export type OrganisationKey = 'village_hall' | 'community_enterprise' | 'garden_group' | 'council' | 'funder' | 'adviser_body';

export interface SeedOrganisation {
  key: OrganisationKey;
  kind: 'community_group' | 'public_body' | 'funder' | 'adviser';
  name: string;
  legalForm: string | null;
  charityNumber?: string;
  companyNumber?: string;
  orgId: string;
}

export const seedOrganisations: readonly SeedOrganisation[] = [
  {
    key: 'village_hall',
    kind: 'community_group',
    name: 'Neuadd Bentref Llanfair Teg',
    legalForm: 'charitable incorporated organisation',
    charityNumber: '1199001',
    orgId: 'GB-CHC-1199001',
  },
  {
    key: 'community_enterprise',
    kind: 'community_group',
    name: 'Menter Cwm Teg Cyf',
    legalForm: 'company limited by guarantee',
    companyNumber: '13999001',
    orgId: 'GB-COH-13999001',
  },
  {
    key: 'garden_group',
    kind: 'community_group',
    name: 'Gardd Gymunedol Pen-y-bryn',
    legalForm: 'unincorporated association',
    orgId: '360G-CYMUNED-DEV-PEN-Y-BRYN',
  },
  { key: 'council', kind: 'public_body', name: 'Cyngor Sir Dyffryn Teg', legalForm: 'local authority', orgId: 'GB-LAE-DYT' },
  // The funder running the Community Facilities Programme. Its register identifier is settled with the
  // programme team before go-live; until then it has a Cymuned one.
  { key: 'funder', kind: 'funder', name: 'Llywodraeth Cymru / Welsh Government', legalForm: null, orgId: '360G-CYMUNED-LLYWODRAETH-CYMRU' },
  {
    key: 'adviser_body',
    kind: 'adviser',
    name: 'Cyngor Gwirfoddol Dyffryn Teg',
    legalForm: 'charitable incorporated organisation',
    charityNumber: '1199002',
    orgId: 'GB-CHC-1199002',
  },
];

export interface SeedPerson {
  email: string;
  name: string;
  language: 'cy' | 'en';
  password: string;
  role: RoleName;
  /** The organisation the person works for or volunteers with, shown with the login. */
  organisation: OrganisationKey;
  /** Whether the role is limited to that organisation (applicants, asset officers, advisers). */
  scopedToOrganisation: boolean;
  delegatedLimitPence?: bigint;
  /** The email of the person escalations about this person's cases go to; listed before them. */
  manager?: string;
}

const staff = (
  email: string,
  name: string,
  language: 'cy' | 'en',
  role: RoleName,
  password: string,
  { delegatedLimitPence, manager }: { delegatedLimitPence?: bigint; manager?: string } = {},
): SeedPerson => ({
  email,
  name,
  language,
  password,
  role,
  organisation: 'funder',
  scopedToOrganisation: false,
  ...(delegatedLimitPence === undefined ? {} : { delegatedLimitPence }),
  ...(manager === undefined ? {} : { manager }),
});

const casework = 'rheolwr.achosion@llyw.example';
const assets = 'asedau2@dyffrynteg.example';

export const seedPeople: readonly SeedPerson[] = [
  // Two community groups with their own people, so "own group" and "another group" can both be tried.
  {
    email: 'arweinydd@neuadd.example',
    name: 'Siân Prys',
    language: 'cy',
    password: 'neuadd-arweinydd-2026',
    role: 'applicant_lead',
    organisation: 'village_hall',
    scopedToOrganisation: true,
  },
  {
    email: 'aelod@neuadd.example',
    name: 'Dafydd Rowlands',
    language: 'cy',
    password: 'neuadd-aelod-2026',
    role: 'applicant_member',
    organisation: 'village_hall',
    scopedToOrganisation: true,
  },
  {
    email: 'lead@menter.example',
    name: 'Megan Hughes',
    language: 'en',
    password: 'menter-lead-2026',
    role: 'applicant_lead',
    organisation: 'community_enterprise',
    scopedToOrganisation: true,
  },
  {
    email: 'lead@gardd.example',
    name: 'Owain Jenkins',
    language: 'en',
    password: 'gardd-lead-2026',
    role: 'applicant_lead',
    organisation: 'garden_group',
    scopedToOrganisation: true,
  },
  // Every step of every case has someone to do it, and the steps that want a second person (a second
  // assessment, a decision by someone who did not assess, payment approved by someone who did not verify
  // the claim, bank details verified by someone who did not give them, a variation or a lowered recovery
  // agreed by a second finance approver and written off by a third) have them too.
  // The casework manager: service-level breaches and overdue returns on the caseworkers' cases go to them.
  staff(casework, 'Mererid Owen', 'cy', 'caseworker', 'rheolwr-achosion-2026'),
  staff('gweithiwr.achos1@llyw.example', 'Elin Morgan', 'cy', 'caseworker', 'gweithiwr-achos-un-2026', { manager: casework }),
  staff('caseworker2@llyw.example', 'Tom Price', 'en', 'caseworker', 'caseworker-two-2026', { manager: casework }),
  // The policy wants two assessments; a third assessor stands in when one declares a conflict of interest.
  staff('assessor@llyw.example', 'Rhian Davies', 'en', 'assessor', 'assessor-dev-2026'),
  staff('asesydd2@llyw.example', 'Gwenllian Puw', 'cy', 'assessor', 'asesydd-dau-2026'),
  staff('assessor3@llyw.example', 'Rhys Bowen', 'en', 'assessor', 'assessor-three-2026'),
  // £25,000 alone; the second approver decides up to £100,000, as far as the policy lets approvers.
  staff('approver@llyw.example', 'Gareth Lewis', 'en', 'approver', 'approver-one-2026', { delegatedLimitPence: 2_500_000n }),
  staff('cymeradwywr2@llyw.example', 'Nia Thomas', 'cy', 'approver', 'cymeradwywr-dau-2026', { delegatedLimitPence: 10_000_000n }),
  staff('panel@llyw.example', 'Iolo Roberts', 'cy', 'panel_member', 'panel-member-2026'),
  staff('finance@llyw.example', 'Catrin Evans', 'en', 'finance_officer', 'finance-officer-2026'),
  staff('finance.approver@llyw.example', 'Huw Griffiths', 'en', 'finance_approver', 'finance-approver-2026'),
  staff('finance.approver2@llyw.example', 'Sioned Jones', 'en', 'finance_approver', 'finance-approver-two-2026'),
  staff('cymeradwywr.cyllid3@llyw.example', 'Bryn Rees', 'cy', 'finance_approver', 'cymeradwywr-cyllid-tri-2026'),
  staff('admin@llyw.example', 'Ffion Williams', 'cy', 'administrator', 'administrator-dev-2026'),
  // Two asset officers at the council: a transfer can be handed on, and the second is the first's manager.
  {
    email: assets,
    name: 'Eirlys Hopkins',
    language: 'cy',
    password: 'swyddog-asedau-dau-2026',
    role: 'asset_officer',
    organisation: 'council',
    scopedToOrganisation: true,
  },
  {
    email: 'asedau@dyffrynteg.example',
    name: 'Alun Parry',
    language: 'cy',
    password: 'swyddog-asedau-2026',
    role: 'asset_officer',
    organisation: 'council',
    scopedToOrganisation: true,
    manager: assets,
  },
  {
    email: 'adviser@cgdt.example',
    name: 'Lowri Edwards',
    language: 'en',
    password: 'adviser-cvc-2026',
    role: 'adviser',
    organisation: 'adviser_body',
    scopedToOrganisation: true,
  },
];

export interface SeedAsset {
  /** Fixed, so a second start finds it rather than adding it again. */
  id: string;
  owner: OrganisationKey;
  name: string;
  address: string;
  postcode: string;
  kind: 'building' | 'land' | 'building_and_land';
  currentUse: string;
  conditionNotes: string;
  openSpace: boolean;
  lsoaCode: string;
}

/** The council's register of assets offered for community asset transfer: a building and an open space. */
export const seedAssets: readonly SeedAsset[] = [
  {
    id: '5eed0a55-0000-4000-8000-000000000001',
    owner: 'council',
    name: 'Hen Ysgol Gynradd Pen-y-bryn',
    address: 'Ffordd yr Ysgol, Pen-y-bryn',
    postcode: 'LL77 7AA',
    kind: 'building_and_land',
    currentUse: 'Gwag ers 2024 / Empty since 2024',
    conditionNotes: 'Mae angen to newydd / Needs a new roof',
    openSpace: false,
    lsoaCode: 'W01000001',
  },
  {
    id: '5eed0a55-0000-4000-8000-000000000002',
    owner: 'council',
    name: 'Cae Chwarae’r Waun',
    address: 'Heol y Waun, Pen-y-bryn',
    postcode: 'LL77 7AB',
    kind: 'land',
    currentUse: 'Cae chwarae cyhoeddus / Public playing field',
    conditionNotes: 'Draenio gwael yn y gaeaf / Poor drainage in winter',
    openSpace: true,
    lsoaCode: 'W01000002',
  },
];
