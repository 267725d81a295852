import { describe, expect, it } from 'vitest';
import { csrfTokenFor, csrfTokenMatches } from '../../src/auth/csrf.js';
import { digestOf, newSecret, sameSecret } from '../../src/auth/secrets.js';
import { authSettings, type AuthConfig } from '../../src/auth/settings.js';
import { ConfigError } from '../../src/config/index.js';

const config: AuthConfig = {
  NODE_ENV: 'development',
  SESSION_IDLE_MINUTES: 120,
  SESSION_MAX_HOURS: 12,
  SIGN_IN_FREE_FAILURES: 5,
  SIGN_IN_DELAY_SECONDS: 2,
  SIGN_IN_MAX_DELAY_SECONDS: 900,
  SIGN_IN_ATTEMPTS_PER_MINUTE: 10,
  ACCOUNT_CONFIRMATION_HOURS: 24,
  PASSWORD_RESET_MINUTES: 60,
  ACCOUNT_CREATIONS_PER_HOUR: 20,
  ACCOUNT_LINK_REQUESTS_PER_HOUR: 20,
  API_TOKEN_MAX_DAYS: 90,
  EVENT_STREAMS_PER_PERSON: 5,
  INVITATION_LIFETIME_DAYS: 14,
  HOST: '127.0.0.1',
  PORT: 3000,
};

function recordingLog() {
  const warnings: unknown[] = [];
  return { warnings, log: { warn: (...args: unknown[]) => void warnings.push(args) } as never };
}

describe('authentication settings', () => {
  it('needs SESSION_SECRET in production', () => {
    const { log } = recordingLog();
    expect(() => authSettings({ ...config, NODE_ENV: 'production' }, log)).toThrow(ConfigError);
    expect(() => authSettings({ ...config, NODE_ENV: 'production' }, log)).toThrow(/SESSION_SECRET is required when NODE_ENV=production/);
  });

  it('uses the configured secret and secure cookies in production', () => {
    const { log, warnings } = recordingLog();
    const settings = authSettings({ ...config, NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(32) }, log);
    expect(settings).toMatchObject({
      sessionSecret: 's'.repeat(32),
      secureCookies: true,
      signInFreeFailures: 5,
      signInDelaySeconds: 2,
      signInMaxDelaySeconds: 900,
    });
    expect(warnings).toEqual([]);
  });

  it('makes up a secret in development, with a warning, and sends cookies over plain HTTP', () => {
    const first = recordingLog();
    const second = recordingLog();
    const a = authSettings(config, first.log);
    const b = authSettings(config, second.log);
    expect(a.sessionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.sessionSecret).not.toBe(b.sessionSecret);
    expect(a.secureCookies).toBe(false);
    expect(first.warnings).toHaveLength(1);
  });

  it('starts mailed links with PUBLIC_URL, or the address the API listens on when it is unset', () => {
    const { log } = recordingLog();
    expect(authSettings(config, log).publicUrl).toBe('http://127.0.0.1:3000');
    expect(authSettings({ ...config, PUBLIC_URL: 'https://cymuned.llyw.cymru/' }, log).publicUrl).toBe('https://cymuned.llyw.cymru');
  });
});

describe('secrets and CSRF tokens', () => {
  it('makes 256-bit secrets, prefixed when asked', () => {
    expect(newSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret('cym_')).toMatch(/^cym_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(newSecret());
  });

  it('stores SHA-256 in hex', () => {
    expect(digestOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares secrets exactly', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });

  it('gives each session its own CSRF token, which only the server secret makes', () => {
    const session = newSecret();
    const token = csrfTokenFor(session, 'secret one');
    expect(csrfTokenFor(session, 'secret one')).toBe(token);
    expect(csrfTokenFor(newSecret(), 'secret one')).not.toBe(token);
    expect(csrfTokenFor(session, 'secret two')).not.toBe(token);
    expect(csrfTokenMatches(token, session, 'secret one')).toBe(true);
    expect(csrfTokenMatches(token, session, 'secret two')).toBe(false);
    expect(csrfTokenMatches(undefined, session, 'secret one')).toBe(false);
    expect(csrfTokenMatches('', session, 'secret one')).toBe(false);
  });
});
