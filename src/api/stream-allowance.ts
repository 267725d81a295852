import { AppError } from '../domain/app-error.js';

// Each open event stream holds a connection and a place among its case's followers. One person has a few
// tabs open, not hundreds: beyond the allowance a new stream is refused (429) until one closes. Counted per
// API process, as the connections are.

export class StreamAllowance {
  private readonly open = new Map<string, number>();

  constructor(private readonly perPerson: number) {}

  /** Takes one of the person's streams, or refuses with 429; the function returned gives it back (once). */
  take(personId: string): () => void {
    const held = this.open.get(personId) ?? 0;
    if (held >= this.perPerson) {
      throw new AppError('too_many_requests', {
        cy: `Mae gennych ormod o ffrydiau digwyddiadau ar agor (${this.perPerson} ar y mwyaf); caewch un (mewn tab arall, efallai) a rhowch gynnig arall arni`,
        en: `You have too many event streams open (at most ${this.perPerson}); close one (in another tab, perhaps) and try again`,
      });
    }
    this.open.set(personId, held + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.open.get(personId) ?? 1) - 1;
      if (left > 0) this.open.set(personId, left);
      else this.open.delete(personId);
    };
  }

  /** How many streams the person holds open now. */
  heldBy(personId: string): number {
    return this.open.get(personId) ?? 0;
  }
}
