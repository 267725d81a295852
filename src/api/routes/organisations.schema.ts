import { z } from 'zod';
import { organisationTypes } from '../../domain/organisation-types.js';
import type { InvitationAccepted } from '../../operations/organisations/accept-invitation.js';
import type { OrganisationView } from '../../operations/organisations/get-organisation.js';
import type { InvitationSent } from '../../operations/organisations/invite-to-organisation.js';
import type { RegisterOrganisationResult } from '../../operations/organisations/register-organisation.js';
import { verificationRegisters, type OrganisationVerification } from '../../operations/organisations/verify-organisation.js';
import { describes } from '../describes.js';

export const organisationParams = z.object({ organisationId: z.string().meta({ description: 'The organisation’s id' }) });
export const memberParams = organisationParams.extend({ personId: z.string().meta({ description: 'The member’s (or adviser’s) person id' }) });
export const invitationParams = organisationParams.extend({ invitationId: z.string().meta({ description: 'The invitation’s id' }) });
export const handOverInput = z.strictObject({ personId: z.uuid().meta({ description: 'The member who becomes the lead' }) }).meta({ id: 'LeadHandOver' });

const at = z.iso.datetime({ offset: true });

export const registrationResponse = describes<RegisterOrganisationResult>()(
  z
    .discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('registered'), organisation: z.object({ id: z.uuid(), name: z.string(), orgId: z.string() }) }),
      z.object({
        outcome: z.literal('possible_duplicate'),
        duplicates: z.array(z.object({ id: z.uuid(), name: z.string(), orgId: z.string(), match: z.enum(['registered_number', 'name_and_postcode']) })),
      }),
    ])
    .meta({ id: 'OrganisationRegistrationResult' }),
);

export const organisationResponse = describes<OrganisationView>()(
  z
    .object({
      id: z.uuid(),
      name: z.string(),
      orgId: z.string().meta({ description: 'org-id.guide identifier (GB-CHC-…, GB-COH-…, GB-MPR-…) or 360G-CYMUNED-<id>' }),
      type: z.enum(organisationTypes).nullable(),
      charityNumber: z.string().nullable(),
      companyNumber: z.string().nullable(),
      mutualsNumber: z.string().nullable(),
      address: z.string().nullable(),
      postcode: z.string().nullable(),
      verification: z.discriminatedUnion('status', [
        z.object({ status: z.literal('verified'), verifiedAt: at, register: z.string().nullable(), checkedReference: z.string().nullable() }),
        z.object({ status: z.literal('unverified') }),
      ]),
      members: z.array(z.object({ personId: z.uuid(), name: z.string(), role: z.enum(['applicant_lead', 'applicant_member']), since: at })),
      advisers: z.array(z.object({ personId: z.uuid(), name: z.string(), adviserBodyName: z.string().nullable(), since: at })),
      pendingInvitations: z.array(z.object({ id: z.uuid(), email: z.string(), role: z.enum(['applicant_member', 'adviser']), expiresAt: at })),
      readerIsLead: z.boolean(),
    })
    .meta({ id: 'Organisation' }),
);

export const verificationResponse = describes<OrganisationVerification>()(
  z
    .object({
      organisationId: z.uuid(),
      verifiedAt: at,
      verifiedById: z.uuid(),
      register: z.enum(verificationRegisters),
      checkedReference: z.string(),
      note: z.string(),
    })
    .meta({ id: 'OrganisationVerified' }),
);

export const invitationResponse = describes<InvitationSent>()(
  z
    .object({
      id: z.uuid(),
      organisationId: z.uuid(),
      email: z.string(),
      role: z.enum(['applicant_member', 'adviser']),
      adviserOrganisationId: z.uuid().nullable(),
      expiresAt: at,
      notice: z.enum(['started', 'not_started']).meta({ description: 'not_started: Temporal could not be reached, and the mail waits unsent in the outbox' }),
    })
    .meta({ id: 'Invitation' }),
);

export const acceptanceResponse = describes<InvitationAccepted>()(
  z.object({ organisationId: z.uuid(), role: z.enum(['applicant_member', 'adviser']), grantId: z.uuid() }).meta({ id: 'InvitationAccepted' }),
);

export const invitationWithdrawnResponse = describes<{ invitationId: string; withdrawnAt: string }>()(
  z.object({ invitationId: z.string(), withdrawnAt: at }).meta({ id: 'InvitationWithdrawn' }),
);
export const grantRevokedResponse = describes<{ personId: string; revokedAt: string }>()(
  z.object({ personId: z.string(), revokedAt: at }).meta({ id: 'AccessRevoked' }),
);
export const handOverResponse = describes<{ leadId: string; previousLeadId: string }>()(
  z.object({ leadId: z.string(), previousLeadId: z.string() }).meta({ id: 'LeadHandedOver' }),
);
