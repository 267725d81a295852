import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * Named durable timers for a case workflow. Each fires at most once, at the time it was set for, by
 * being queued on `fired`; the workflow's main loop takes them from there, so a timer's work runs in
 * order with everything else. Setting a name again replaces its timer. Times are reckoned from the
 * command that set them (`now`), never from a clock the workflow reads.
 */
export class DurableTimers {
  private readonly scopes = new Map<string, CancellationScope>();
  readonly fired: { name: string; at: string }[] = [];

  set(name: string, dueAt: string, now: string): void {
    this.cancel(name);
    const scope = new CancellationScope();
    this.scopes.set(name, scope);
    const delay = Math.max(1, Date.parse(dueAt) - Date.parse(now));
    scope
      .run(() => sleep(delay))
      .then(
        () => {
          if (this.scopes.get(name) !== scope) return;
          this.scopes.delete(name);
          this.fired.push({ name, at: dueAt });
        },
        (error: unknown) => {
          if (!isCancellation(error)) throw error;
        },
      );
  }

  cancel(name: string): void {
    this.scopes.get(name)?.cancel();
    this.scopes.delete(name);
  }

  cancelStartingWith(prefix: string): void {
    for (const name of [...this.scopes.keys()]) if (name.startsWith(prefix)) this.cancel(name);
  }

  cancelAll(): void {
    this.cancelStartingWith('');
  }
}

export const addMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
