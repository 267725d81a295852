import { z } from 'zod';
import type { CreatedApiToken, ListedApiToken } from '../../auth/api-tokens.js';
import type { MeView, PersonView } from '../../auth/me-view.js';
import { roles } from '../../domain/roles.js';
import { describes } from '../describes.js';

const language = z.enum(['cy', 'en']);

export const personResponse = describes<PersonView>()(z.object({ id: z.uuid(), name: z.string(), email: z.string(), language }).meta({ id: 'Person' }));

const csrfToken = z.string().meta({ description: 'Send in X-CSRF-Token with every unsafe request made with the session cookie' });

export const signInResponse = describes<{ person: PersonView; csrfToken: string }>()(z.object({ person: personResponse, csrfToken }).meta({ id: 'SignedIn' }));

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

const expiresAt = z.iso
  .datetime({ offset: true })
  .meta({ description: 'When the token stops working; every token expires, at most API_TOKEN_MAX_DAYS after it was made' });

export const createdApiTokenResponse = describes<CreatedApiToken>()(
  z
    .object({
      id: z.uuid(),
      name: z.string(),
      createdAt: z.iso.datetime({ offset: true }),
      expiresAt,
      token: z.string().meta({ description: 'The bearer token (cym_…); shown this once and never again' }),
    })
    .meta({ id: 'CreatedApiToken' }),
);

export const apiTokenListResponse = describes<{ tokens: ListedApiToken[] }>()(
  z
    .object({
      tokens: z.array(
        z
          .object({
            id: z.uuid(),
            name: z.string(),
            createdAt: z.iso.datetime({ offset: true }),
            expiresAt,
            lastUsedAt: z.iso.datetime({ offset: true }).nullable().meta({ description: 'To the minute; null if never used' }),
          })
          .meta({ id: 'ApiToken' }),
      ),
    })
    .meta({ id: 'ApiTokenList', description: 'Your API tokens that still work, newest first (never the tokens themselves)' }),
);

/** The `:tokenId` of one of the signed-in person's API tokens. */
export const apiTokenParams = z.object({ tokenId: z.string().meta({ description: 'The token’s id, as given when it was created' }) });
