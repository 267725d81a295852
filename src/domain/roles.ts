// The roles people hold. Kept here (pure) as well as in prisma/schema.prisma's `Role` enum so workflows and
// the policy can use them without the database client; test/unit/roles.test.ts checks the two agree.
export const roles = [
  'applicant_member',
  'applicant_lead',
  'caseworker',
  'assessor',
  'approver',
  'panel_member',
  'finance_officer',
  'finance_approver',
  'asset_officer',
  'adviser',
  'administrator',
] as const;

export type RoleName = (typeof roles)[number];

/** Roles that act for a community group and only ever see their own group's cases. */
export const applicantRoles: readonly RoleName[] = ['applicant_member', 'applicant_lead'];
