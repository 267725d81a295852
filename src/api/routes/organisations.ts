import type { Client } from '@temporalio/client';
import type { AuthSettings } from '../../auth/settings.js';
import type { PrismaClient } from '../../db/prisma.js';
import { acceptInvitation, acceptInvitationInput } from '../../operations/organisations/accept-invitation.js';
import { getOrganisation } from '../../operations/organisations/get-organisation.js';
import { inviteInput, inviteToOrganisation } from '../../operations/organisations/invite-to-organisation.js';
import { handOverLead, removeMember, withdrawAdviser, withdrawInvitation } from '../../operations/organisations/manage-members.js';
import { registerOrganisation, registerOrganisationInput } from '../../operations/organisations/register-organisation.js';
import { verifyOrganisation, verifyOrganisationInput } from '../../operations/organisations/verify-organisation.js';
import type { Route } from '../route-table.js';
import {
  acceptanceResponse,
  grantRevokedResponse,
  handOverInput,
  handOverResponse,
  invitationParams,
  invitationResponse,
  invitationWithdrawnResponse,
  memberParams,
  organisationParams,
  organisationResponse,
  registrationResponse,
  verificationResponse,
} from './organisations.schema.js';

const tags = ['Organisations'];

export function organisationRoutes({
  prisma,
  temporal,
  taskQueue,
  auth,
}: {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  auth: AuthSettings;
}): Route[] {
  return [
    {
      method: 'post',
      path: '/api/organisations',
      action: 'organisation.register',
      handler: async (req, res) => {
        const input = registerOrganisationInput.parse(req.body);
        const result = await registerOrganisation({ prisma, actor: req.actor, input, now: new Date() });
        if (result.outcome === 'registered') res.status(201).location(`/api/organisations/${result.organisation.id}`);
        res.json(result);
      },
      docs: {
        summary: 'Register an organisation; the person registering it becomes its lead',
        description:
          'Its org-id follows from its type and number: a charity or CIO GB-CHC-<charity number>, a company limited by guarantee or CIC GB-COH-<company number, 8 digits>, a community benefit society GB-MPR-<FCA mutuals number>, otherwise 360G-CYMUNED-<id>. Which numbers each type needs is checked (400 naming the field). One that looks like an organisation already registered (the same register number, or the same name and postcode whatever the case) is not made: the answer (200, outcome possible_duplicate) names them, and the person either asks that organisation’s lead for an invitation or sends the registration again with registerAnyway: true, which is recorded. The same org-id twice is refused (409) however confirmed. Until a caseworker verifies it, its expressions of interest are not screened.',
        tags,
        body: registerOrganisationInput,
        responses: {
          201: { description: 'Registered', body: registrationResponse, headers: { Location: 'The organisation' } },
          200: { description: 'Not registered: it looks like these organisations (confirm with registerAnyway)', body: registrationResponse },
        },
        problems: [409],
      },
    },
    {
      method: 'get',
      path: '/api/organisations/:organisationId',
      action: 'organisation.read',
      handler: async (req, res) => {
        const { organisationId } = organisationParams.parse(req.params);
        res.json(await getOrganisation({ prisma, actor: req.actor, organisationId, now: new Date() }));
      },
      docs: {
        summary: 'An organisation: its details, verification, members, advisers and pending invitations (its members, caseworkers)',
        tags,
        params: organisationParams,
        responses: { 200: { description: 'The organisation', body: organisationResponse } },
      },
    },
    {
      method: 'post',
      path: '/api/organisations/:organisationId/verification',
      action: 'organisation.verify',
      handler: async (req, res) => {
        const { organisationId } = organisationParams.parse(req.params);
        const input = verifyOrganisationInput.parse(req.body);
        res.json(await verifyOrganisation({ prisma, actor: req.actor, organisationId, input, now: new Date() }));
      },
      docs: {
        summary: 'Record that the organisation was checked against its register (a caseworker or administrator)',
        description:
          'Records who and when, the register, what was checked and what was found, in the audit trail too. Its expressions of interest can be screened from then on.',
        tags,
        params: organisationParams,
        body: verifyOrganisationInput,
        responses: { 200: { description: 'Verified', body: verificationResponse } },
      },
    },
    {
      method: 'post',
      path: '/api/organisations/:organisationId/invitations',
      action: 'organisation.manage',
      handler: async (req, res) => {
        const { organisationId } = organisationParams.parse(req.params);
        const input = inviteInput.parse(req.body);
        const sent = await inviteToOrganisation({
          prisma,
          temporal,
          taskQueue,
          actor: req.actor,
          organisationId,
          input,
          now: new Date(),
          publicUrl: auth.publicUrl,
          lifetimeDays: auth.invitationLifetimeDays,
          logger: req.log,
        });
        res.status(201).json(sent);
      },
      docs: {
        summary: 'Invite someone by email to join the group as a member, or to advise it (the group’s lead)',
        description:
          'Mails a link, in the language given, that works once, for an account with that very address, for INVITATION_LIFETIME_DAYS. An adviser is invited for an advice body (an organisation of kind adviser). Someone already a member is refused (409).',
        tags,
        params: organisationParams,
        body: inviteInput,
        responses: { 201: { description: 'Invited; the mail is on its way', body: invitationResponse } },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/organisations/:organisationId/invitations/:invitationId/withdrawal',
      action: 'organisation.manage',
      handler: async (req, res) => {
        const { organisationId, invitationId } = invitationParams.parse(req.params);
        res.json(await withdrawInvitation({ prisma, actor: req.actor, organisationId, invitationId, now: new Date() }));
      },
      docs: {
        summary: 'Withdraw an invitation not yet accepted (the group’s lead); its link stops working',
        tags,
        params: invitationParams,
        responses: { 200: { description: 'Withdrawn', body: invitationWithdrawnResponse } },
      },
    },
    {
      method: 'post',
      path: '/api/organisations/:organisationId/members/:personId/removal',
      action: 'organisation.manage',
      handler: async (req, res) => {
        const { organisationId, personId } = memberParams.parse(req.params);
        res.json(await removeMember({ prisma, actor: req.actor, organisationId, personId, now: new Date() }));
      },
      docs: {
        summary: 'Remove a member from the group (the group’s lead)',
        description: 'Revokes their role in the group. The lead cannot remove themself (409): hand the lead over first.',
        tags,
        params: memberParams,
        responses: { 200: { description: 'Removed', body: grantRevokedResponse } },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/organisations/:organisationId/lead',
      action: 'organisation.manage',
      handler: async (req, res) => {
        const { organisationId } = organisationParams.parse(req.params);
        const { personId } = handOverInput.parse(req.body);
        res.json(await handOverLead({ prisma, actor: req.actor, organisationId, personId, now: new Date() }));
      },
      docs: {
        summary: 'Hand the lead to another member (the group’s lead), who becomes the lead as the old lead becomes a member, at once',
        tags,
        params: organisationParams,
        body: handOverInput,
        responses: { 200: { description: 'Handed over', body: handOverResponse } },
        problems: [409],
      },
    },
    {
      method: 'post',
      path: '/api/organisations/:organisationId/advisers/:personId/withdrawal',
      action: 'organisation.manage',
      handler: async (req, res) => {
        const { organisationId, personId } = memberParams.parse(req.params);
        res.json(await withdrawAdviser({ prisma, actor: req.actor, organisationId, personId, now: new Date() }));
      },
      docs: {
        summary: 'Withdraw an adviser’s access to the group (the group’s lead)',
        description: 'Revokes the adviser role this group’s invitation gave; any access through other groups stays.',
        tags,
        params: memberParams,
        responses: { 200: { description: 'Withdrawn', body: grantRevokedResponse } },
      },
    },
    {
      method: 'post',
      path: '/api/invitations/acceptance',
      action: 'invitation.accept',
      handler: async (req, res) => {
        const { token } = acceptInvitationInput.parse(req.body);
        res.json(await acceptInvitation({ prisma, actor: req.actor, token, now: new Date() }));
      },
      docs: {
        summary: 'Accept an invitation, signed in with the address it was mailed to',
        description:
          'Grants the role invited to, once. Refused (403) to an account with another address; (409) once used, withdrawn or expired; (404) for a token that opens no invitation.',
        tags,
        body: acceptInvitationInput,
        responses: { 200: { description: 'Accepted: the role is granted', body: acceptanceResponse } },
        problems: [409],
      },
    },
  ];
}
