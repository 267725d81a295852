import { expect } from 'vitest';
import type { EoiAnswers } from '../../src/domain/cfp/answers.js';
import type { CfpPolicy } from '../../src/domain/cfp/policy.js';
import { eoiAnswers, fullApplicationAnswers, scores } from './cfp.js';
import { createOrganisation, createPerson, sessionHeaders, signInOverHttp, type TestGrant, type WebSession } from './people.js';
import type { TestSystem } from './app.js';

// CFP applications driven over HTTP, as a group and programme staff would, for API tests that need a case
// at a given stage.

export interface ApiAnswer {
  status: number;
  type: string;
  json: Record<string, unknown>;
}

export class CfpApiCases {
  private readonly sessions = new Map<string, WebSession>();
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly system: TestSystem,
    private readonly policy: CfpPolicy,
  ) {}

  /** Adds a signed-in person by name, with the given grants. */
  async person(name: string, grants: TestGrant[], language: 'cy' | 'en' = 'en'): Promise<string> {
    const person = await createPerson(this.system.prisma, { grants, language });
    this.sessions.set(name, await signInOverHttp(this.system.url, person));
    this.ids.set(name, person.id);
    return person.id;
  }

  id(name: string): string {
    const id = this.ids.get(name);
    if (!id) throw new Error(`no person ${name}`);
    return id;
  }

  /** A group with a lead and a member, named `${prefix}lead` and `${prefix}member`. */
  async group(prefix = ''): Promise<{ id: string; name: string }> {
    const group = await createOrganisation(this.system.prisma);
    await this.person(`${prefix}lead`, [{ role: 'applicant_lead', organisationId: group.id }]);
    await this.person(`${prefix}member`, [{ role: 'applicant_member', organisationId: group.id }]);
    return group;
  }

  async call(who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const session = this.sessions.get(who);
    if (!session) throw new Error(`no session ${who}`);
    const response = await fetch(`${this.system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...sessionHeaders(session), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    return { status: response.status, type, json: (type.includes('json') && text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  /** A command that must be done: 200, or the test fails naming it and the answer. */
  async step(who: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.call(who, method, path, body);
    const done = answer.status >= 200 && answer.status < 300;
    expect({ step: `${who} ${method} ${path}`, done, status: answer.status, detail: answer.json.detail }).toMatchObject({ done: true });
    return answer.json;
  }

  /** A new application of the group whose people are `${prefix}lead` and `${prefix}member`, in EOI draft. */
  async start(prefix = ''): Promise<string> {
    const started = await this.step(`${prefix}member`, 'POST', '/api/applications', { projectTitle: 'Neuadd newydd', language: 'cy' });
    return String(started.reference);
  }

  /** To screening: the EOI saved with `answers` and sent. */
  async toScreening(reference: string, { prefix = '', answers = {} }: { prefix?: string; answers?: Partial<EoiAnswers> } = {}): Promise<void> {
    const base = `/api/applications/${reference}`;
    await this.step(`${prefix}member`, 'PATCH', `${base}/eoi`, { answers: eoiAnswers(answers) });
    await this.step(`${prefix}lead`, 'POST', `${base}/eoi/submission`, {});
  }

  /** Invited, the full application sent and scored by `assessors` (names of people added as assessors). */
  async toRecommendation(
    reference: string,
    { prefix = '', caseworker = 'caseworker', assessors = ['assessorA', 'assessorB'] }: { prefix?: string; caseworker?: string; assessors?: string[] } = {},
  ): Promise<void> {
    const base = `/api/applications/${reference}`;
    await this.step(caseworker, 'POST', `${base}/screening`, { outcome: 'invite', reasons: 'Yn gymwys' });
    await this.step(`${prefix}member`, 'PATCH', `${base}/full-application`, { answers: fullApplicationAnswers() });
    await this.step(`${prefix}lead`, 'POST', `${base}/full-application/submission`, {});
    for (const assessor of assessors) {
      await this.step(assessor, 'POST', `${base}/assessments/declarations`, { conflict: false });
      await this.step(assessor, 'POST', `${base}/assessments`, { scores: scores(this.policy, 4) });
    }
  }

  /** Recommended for approval of `amountPence`: waiting for a decision. */
  async toDecision(reference: string, amountPence: number, options: { prefix?: string; caseworker?: string; assessors?: string[] } = {}): Promise<void> {
    await this.toRecommendation(reference, options);
    await this.step(options.caseworker ?? 'caseworker', 'POST', `/api/applications/${reference}/recommendation`, {
      recommendation: 'approve',
      amountPence,
      reasons: 'Prosiect cryf',
    });
  }

  decide(who: string, reference: string, amountPence: number): Promise<ApiAnswer> {
    return this.call(who, 'POST', `/api/applications/${reference}/decisions`, {
      outcome: 'approve',
      amountPence,
      conditions: [],
      reasons: 'Yn cyflawni amcanion y rhaglen',
    });
  }
}
