import { describe, expect, it } from 'vitest';
import { accountMessage, lifetimeWords } from '../../src/operations/accounts/account-mail.js';
import { accountLink, accountLinkState, accountNoticeId } from '../../src/operations/accounts/account-tokens.js';

const now = new Date('2026-12-03T12:00:00Z');

describe('an account link', () => {
  it('is usable until it is used or its time is up', () => {
    expect(accountLinkState({ usedAt: null, expiresAt: new Date('2026-12-03T12:00:01Z') }, now)).toBe('usable');
    expect(accountLinkState({ usedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(accountLinkState({ usedAt: new Date('2026-12-03T11:00:00Z'), expiresAt: new Date('2026-12-04T00:00:00Z') }, now)).toBe('used');
    // Used and expired: it was used, which is what the person needs to hear.
    expect(accountLinkState({ usedAt: new Date('2026-12-01T00:00:00Z'), expiresAt: new Date('2026-12-02T00:00:00Z') }, now)).toBe('used');
    expect(accountLinkState(null, now)).toBe('unknown');
  });

  it('starts with the public address, never a request’s', () => {
    expect(accountLink('https://cymuned.llyw.cymru', '/confirm-email', 'abc')).toBe('https://cymuned.llyw.cymru/confirm-email/abc');
  });

  it('has one notice per token, in the person’s stream', () => {
    expect(accountNoticeId('p1', 't1')).toBe('person:p1:account-token:t1');
  });
});

describe('the mail about an account', () => {
  it('says how long a link works as a person would, in Welsh and English', () => {
    expect(lifetimeWords(24 * 60, 'en')).toBe('24 hours');
    expect(lifetimeWords(60, 'en')).toBe('1 hour');
    expect(lifetimeWords(24 * 60, 'cy')).toBe('24 awr');
    expect(lifetimeWords(45, 'cy')).toBe('45 munud');
    expect(lifetimeWords(1, 'en')).toBe('1 minute');
  });

  it('is written in the reader’s language, with the link and the Welsh-language welcome', () => {
    const values = { name: 'Siân', link: 'http://cymuned.test/confirm-email/x', lifetime: '24 awr', signInLink: 'http://cymuned.test/sign-in' };
    const welsh = accountMessage('confirm_email', 'cy', values);
    expect(welsh.subject).toBe('Cadarnhewch eich cyfeiriad e-bost ar gyfer Cymuned');
    expect(welsh.body).toContain('Helo Siân,');
    expect(welsh.body).toContain(values.link);
    expect(welsh.body).toContain('Rydym yn croesawu gohebiaeth yn Gymraeg');
    const taken = accountMessage('address_taken', 'en', { ...values, lifetime: '1 hour' });
    expect(taken.body).toContain('http://cymuned.test/sign-in');
    expect(taken.body).toContain('No new account was created.');
  });
});
