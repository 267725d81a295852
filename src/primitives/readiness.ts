// What "ready" answers: the API serves it and the system's start-up checks it (src/system/readiness.ts),
// so the shape sits below both.

export type ReadinessCheck = { status: 'ok' } | { status: 'failing'; reason: string };

export interface Readiness {
  ready: boolean;
  checks: { database: ReadinessCheck; temporal: ReadinessCheck; migrations: ReadinessCheck };
}
