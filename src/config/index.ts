import { z } from 'zod';

// Every setting Cymuned reads from its environment, in one place. Nothing else reads process.env, so this
// schema is the whole configuration surface (the README's table and docker-compose.yml are checked
// against it by test/system/docker-compose.test.ts).
const portError = { error: 'must be a port number (0-65535)' };
const port = z.coerce.number(portError).int(portError).min(0, portError).max(65535, portError);
const cacheError = { error: 'must be a whole number of workflows, 0 to 1000000 (0 turns the cache off)' };
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
// `Name <address>` or a bare address, as src/notifications/file-mailbox.ts accepts it.
const address = String.raw`[^\s<>@",;:\\()[\]]+@[^\s<>@",;:\\()[\]]+`;
const mailbox = new RegExp(String.raw`^([^\r\n<>]*<${address}>|${address})$`);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1').describe('Interface the HTTP API listens on'),
  PORT: port.default(3000).describe('Port of the HTTP API'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().default('.data').describe('Where the embedded PostgreSQL and Temporal keep their data'),
  DATABASE_URL: optionalText
    .pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }).optional())
    .describe('PostgreSQL to use; when unset an embedded PostgreSQL is started in DATA_DIR'),
  EMBEDDED_POSTGRES_PORT: port.default(5433).describe('Port of the embedded PostgreSQL'),
  TEMPORAL_ADDRESS: optionalText.describe('host:port of a Temporal frontend; when unset a dev server is started'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('cymuned'),
  TEMPORAL_CLI_PATH: optionalText.describe('Temporal CLI binary used to run the dev server'),
  TEMPORAL_DEV_PORT: port.default(7233).describe('gRPC port of the embedded Temporal dev server'),
  TEMPORAL_UI_PORT: port.default(8233).describe('Web UI port of the embedded Temporal dev server'),
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).default(30).describe('How long a stop may take, whatever is still running'),
  IDEMPOTENCY_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('How long an Idempotency-Key claimed by a request that has not answered holds off a retry (longer than any request takes)'),
  // Each cached case costs the worker about half a megabyte; Temporal's own default grows with the heap limit
  // (2,310 with Node's 4 GB on a 24 GB machine, which made the worker 1.6 GB with 3,000 cases waiting).
  // Cases waiting months for a timer gain nothing from staying in memory: their next task replays them.
  TEMPORAL_MAX_CACHED_WORKFLOWS: optionalText
    .pipe(z.coerce.number<string>(cacheError).int(cacheError).min(0, cacheError).max(1_000_000, cacheError).default(500))
    .describe('How many cases the worker keeps in memory between their tasks (the rest are replayed from history when they next have work)'),
  SESSION_SECRET: optionalText
    .pipe(z.string().min(32, 'must be at least 32 characters').optional())
    .describe('Key for CSRF tokens; required in production, random per process otherwise'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  // Wrong passwords are counted per account and client address together (src/auth/sign-in-throttle.ts), so
  // a stranger can slow only their own guessing, never lock the owner out. A pair's failures are forgotten a
  // day after the last, so the wait may not be longer than that.
  SIGN_IN_FREE_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .describe('Wrong passwords for one account from one address before each further try must wait'),
  SIGN_IN_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(2).describe('The first wait; it doubles after each further wrong password'),
  SIGN_IN_MAX_DELAY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(900)
    .describe('The longest wait between tries from one address for one account'),
  SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  ACCOUNT_CONFIRMATION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24)
    .describe('How long the link mailed to confirm a new account’s email address works'),
  PASSWORD_RESET_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60)
    .describe('How long the link mailed to reset a forgotten password works'),
  ACCOUNT_CREATIONS_PER_HOUR: z.coerce.number().int().min(1).default(20).describe('Accounts one IP address may create (or try to) per hour before 429'),
  ACCOUNT_LINK_REQUESTS_PER_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(20)
    .describe('Requests for a new confirmation link or a password reset one IP address may make per hour before 429'),
  API_TOKEN_MAX_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .describe('The longest an API token may live; one made without an expiry lives this long'),
  INVITATION_LIFETIME_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .default(14)
    .describe('How long the link in an invitation to join a group works; unused, it then expires'),
  EVENT_STREAMS_PER_PERSON: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(5)
    .describe('Live event streams one person may hold open on one API process; the next is refused with 429'),
  TRUST_PROXY: optionalText
    .pipe(
      z
        .string()
        .refine(
          (value) => value !== 'true',
          'must name the proxies to trust (a hop count, loopback, or addresses): trusting every hop lets any client choose its own address',
        )
        .transform((value) => (/^\d+$/.test(value) ? Number(value) : value))
        .optional(),
    )
    .describe('Proxies in front of the API whose X-Forwarded-For to believe (Express "trust proxy"), e.g. 1 or loopback; unset trusts none'),
  PUBLIC_URL: optionalText
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional())
    .describe('The address people open the service at, for the links Cymuned sends by mail; when unset http://HOST:PORT'),
  EVIDENCE_DIR: optionalText.describe('Where uploaded claim evidence is kept, one file per SHA-256; when unset DATA_DIR/evidence'),
  MAILBOX_DIR: optionalText.describe('Where mail is written as .eml files (no real sender yet); when unset DATA_DIR/mailbox'),
  MAIL_FROM: optionalText
    .pipe(z.string().regex(mailbox, 'must be an address, like Name <name@example.org>').default('Cymuned <no-reply@cymuned.example>'))
    .describe('Sender of the mail Cymuned sends'),
  CFP_POLICY_FILE: optionalText.describe('Community Facilities Programme policy versions (JSON); when unset config/programmes/cfp.json'),
  TRANSFER_PROCESS_FILE: optionalText.describe(
    "Each public body's community asset transfer process and the national valuation rules (JSON); when unset config/transfers/processes.json",
  ),
});

export type Config = z.infer<typeof configSchema>;
export type ConfigKey = keyof Config;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws one readable ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(Object.keys(configSchema.shape).map((key) => [key, env[key]]));
  const parsed = configSchema.safeParse(known);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}
