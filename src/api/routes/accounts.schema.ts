import { z } from 'zod';
import type { PersonView } from '../../auth/me-view.js';
import { accountEmail } from '../../operations/accounts/create-account.js';
import { describes } from '../describes.js';
import { personResponse } from './auth.schema.js';

/** Requests that mail a link are answered the same whether or not the address has an account. */
export interface AccountMailAnswer {
  status: 'mail_sent_if_known';
}

export const accountMailAnswer = describes<AccountMailAnswer>()(
  z
    .object({
      status: z.literal('mail_sent_if_known').meta({
        description: 'The same answer for every address: mail went to it if (and only as) what it asked for applies to it',
      }),
    })
    .meta({ id: 'AccountMailAnswer' }),
);

export const emailConfirmationInput = z
  .strictObject({ token: z.string().min(1).max(200).meta({ description: 'The secret from the link mailed (the last part of /confirm-email/…)' }) })
  .meta({ id: 'EmailConfirmation' });

export const emailOnlyInput = z.strictObject({ email: accountEmail }).meta({ id: 'AccountEmail' });

const csrfToken = z.string().meta({ description: 'Send in X-CSRF-Token with every unsafe request made with the session cookie' });

export const confirmedResponse = describes<{ person: PersonView; csrfToken: string; next: string }>()(
  z
    .object({
      person: personResponse,
      csrfToken,
      next: z.string().meta({ description: 'Where the person was going: the `next` given when the account was created, or /dashboard' }),
    })
    .meta({ id: 'EmailConfirmed' }),
);

export const passwordResetResponse = describes<{ person: PersonView; csrfToken: string }>()(
  z.object({ person: personResponse, csrfToken }).meta({ id: 'PasswordReset' }),
);
