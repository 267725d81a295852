import type { SignInThrottleRule } from './sign-in-throttle.js';
import { randomBytes } from 'node:crypto';
import { ConfigError } from '../config/index.js';
import type { Logger } from '../log.js';

/** Everything authentication needs from configuration, resolved once at start. */
export interface AuthSettings {
  /** Key for CSRF tokens; changing it invalidates every CSRF token (not the sessions). */
  sessionSecret: string;
  /** Send the session cookie over HTTPS only: production, where TLS ends in front of us. */
  secureCookies: boolean;
  /** A session ends after this long without a request. */
  sessionIdleMinutes: number;
  /** …and this long after sign-in, however busy. */
  sessionMaxHours: number;
  /** Wrong passwords for one account from one address before that pair must wait… */
  signInFreeFailures: number;
  /** …first this long, then twice as long after each further failure… */
  signInDelaySeconds: number;
  /** …up to this. */
  signInMaxDelaySeconds: number;
  /** Failed sign-ins one IP address may make per minute before 429. */
  signInAttemptsPerMinute: number;
  /** The longest an API token may live, and how long one lives that is made without an expiry. */
  apiTokenMaxDays: number;
  /** Live event streams one person may hold open on one API process. */
  eventStreamsPerPerson: number;
  /** How long the link in an invitation to join a group works. */
  invitationLifetimeDays: number;
  /**
   * The address people open the service at, without a trailing slash: links sent by mail start with it.
   * Never taken from a request's Host header, which the sender of a password reset request could choose.
   */
  publicUrl: string;
  /** How long the link that confirms a new account's email address works. */
  accountConfirmationHours: number;
  /** How long the link that resets a forgotten password works. */
  passwordResetMinutes: number;
  /** Accounts one IP address may create (or try to) per hour before 429: bounds mail sent for strangers. */
  accountCreationsPerHour: number;
  /** Requests for a new confirmation link or a password reset one IP address may make per hour: each may mail someone. */
  accountLinkRequestsPerHour: number;
}

/** The configuration variables behind AuthSettings, as src/config/index.ts parses them. */
export interface AuthConfig {
  NODE_ENV: 'development' | 'test' | 'production';
  SESSION_SECRET?: string | undefined;
  SESSION_IDLE_MINUTES: number;
  SESSION_MAX_HOURS: number;
  SIGN_IN_FREE_FAILURES: number;
  SIGN_IN_DELAY_SECONDS: number;
  SIGN_IN_MAX_DELAY_SECONDS: number;
  SIGN_IN_ATTEMPTS_PER_MINUTE: number;
  API_TOKEN_MAX_DAYS: number;
  EVENT_STREAMS_PER_PERSON: number;
  INVITATION_LIFETIME_DAYS: number;
  HOST: string;
  PORT: number;
  PUBLIC_URL?: string | undefined;
  ACCOUNT_CONFIRMATION_HOURS: number;
  PASSWORD_RESET_MINUTES: number;
  ACCOUNT_CREATIONS_PER_HOUR: number;
  ACCOUNT_LINK_REQUESTS_PER_HOUR: number;
}

export function authSettings(config: AuthConfig, log: Pick<Logger, 'warn'>): AuthSettings {
  return {
    sessionSecret: sessionSecret(config, log),
    secureCookies: config.NODE_ENV === 'production',
    sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
    sessionMaxHours: config.SESSION_MAX_HOURS,
    signInFreeFailures: config.SIGN_IN_FREE_FAILURES,
    signInDelaySeconds: config.SIGN_IN_DELAY_SECONDS,
    signInMaxDelaySeconds: config.SIGN_IN_MAX_DELAY_SECONDS,
    signInAttemptsPerMinute: config.SIGN_IN_ATTEMPTS_PER_MINUTE,
    apiTokenMaxDays: config.API_TOKEN_MAX_DAYS,
    eventStreamsPerPerson: config.EVENT_STREAMS_PER_PERSON,
    invitationLifetimeDays: config.INVITATION_LIFETIME_DAYS,
    publicUrl: (config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`).replace(/\/+$/, ''),
    accountConfirmationHours: config.ACCOUNT_CONFIRMATION_HOURS,
    passwordResetMinutes: config.PASSWORD_RESET_MINUTES,
    accountCreationsPerHour: config.ACCOUNT_CREATIONS_PER_HOUR,
    accountLinkRequestsPerHour: config.ACCOUNT_LINK_REQUESTS_PER_HOUR,
  };
}

function sessionSecret(config: AuthConfig, log: Pick<Logger, 'warn'>): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  // Every API instance behind a load balancer must share the secret, and it must survive restarts, so
  // production cannot make one up.
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration: SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters)');
  }
  log.warn('SESSION_SECRET is not set: using a random one for this process, so CSRF tokens change at every restart');
  return randomBytes(32).toString('base64url');
}

/** How long a session lasts, as the session store takes it. */
export function sessionLifetime(auth: AuthSettings): { idleMinutes: number; maxHours: number } {
  return { idleMinutes: auth.sessionIdleMinutes, maxHours: auth.sessionMaxHours };
}

/** When wrong passwords make an address wait, as the sign-in throttle takes it. */
export function signInThrottleRule(auth: AuthSettings): SignInThrottleRule {
  return { freeFailures: auth.signInFreeFailures, firstDelaySeconds: auth.signInDelaySeconds, maxDelaySeconds: auth.signInMaxDelaySeconds };
}
