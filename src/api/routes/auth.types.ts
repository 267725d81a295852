import { z } from 'zod';
import type { CreatedApiToken } from '../../auth/api-tokens.js';
import type { MeView, PersonView } from '../../auth/me-view.js';
import { roles } from '../../domain/roles.js';
import { describes } from '../describes.js';

const language = z.enum(['cy', 'en']);

export const personResponse = describes<PersonView>()(
  z.object({ id: z.uuid(), name: z.string(), email: z.string(), language }).meta({ id: 'Person' }),
);

const csrfToken = z.string().meta({ description: 'Send in X-CSRF-Token with every unsafe request made with the session cookie' });

export const signInResponse = describes<{ person: PersonView; csrfToken: string }>()(
  z.object({ person: personResponse, csrfToken }).meta({ id: 'SignedIn' }),
);

export const meResponse = describes<MeView>()(
  z
    .object({
      person: personResponse,
      roles: z.array(
        z.object({
          role: z.enum(roles),
          organisationId: z.uuid().nullable(),
          programme: z.string().nullable(),
          delegatedLimitPence: z.number().int().nullable().meta({ description: 'Pence, exact up to £90 trillion' }),
        }),
      ),
      language,
      csrfToken: csrfToken.nullable().meta({ description: 'Null when signed in with a bearer token, which needs none' }),
    })
    .meta({ id: 'Me' }),
);

export const createdApiTokenResponse = describes<CreatedApiToken>()(
  z
    .object({
      id: z.uuid(),
      name: z.string(),
      createdAt: z.iso.datetime({ offset: true }),
      expiresAt: z.iso.datetime({ offset: true }).nullable(),
      token: z.string().meta({ description: 'The bearer token (cym_…); shown this once and never again' }),
    })
    .meta({ id: 'CreatedApiToken' }),
);

/** The `:tokenId` of one of the signed-in person's API tokens. */
export const apiTokenParams = z.object({ tokenId: z.string().meta({ description: 'The token’s id, as given when it was created' }) });
