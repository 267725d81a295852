import type { Actor } from '../access/actor.js';

declare global {
  namespace Express {
    interface Request {
      /** Set by the authentication middleware when the request carries a valid session or token. */
      actor?: Actor;
    }
  }
}

export {};
