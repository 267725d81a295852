import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { projectRoot, resolveMailboxDir } from '../../src/primitives/paths.js';

describe('configuration', () => {
  it('needs nothing: every setting has an embedded default', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: '.data', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'cymuned' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
  });

  it('treats empty variables as unset, as docker-compose and shells often pass them', () => {
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: ' ' })).toMatchObject({ DATABASE_URL: undefined, TEMPORAL_ADDRESS: undefined });
  });

  it('names every bad variable in one readable message', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Invalid configuration: /);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('PORT must be a port number (0-65535)');
    expect(message).toContain('DATABASE_URL must be a postgresql:// URL');
    expect(message).toContain('LOG_LEVEL Invalid option');
  });

  it('sends mail as Cymuned by default, to the mailbox in the data directory', () => {
    const config = loadConfig({});
    expect(config.MAIL_FROM).toBe('Cymuned <no-reply@cymuned.example>');
    expect(resolveMailboxDir(config.MAILBOX_DIR, config.DATA_DIR)).toBe(path.join(projectRoot, '.data', 'mailbox'));
    expect(resolveMailboxDir(undefined, '/srv/cymuned')).toBe('/srv/cymuned/mailbox');
    expect(resolveMailboxDir('/var/mail/cymuned', '.data')).toBe('/var/mail/cymuned');
  });

  it('takes MAIL_FROM as an address with or without a name, and refuses anything else', () => {
    expect(loadConfig({ MAIL_FROM: 'Grantiau Cymuned <grantiau@llyw.example>' }).MAIL_FROM).toBe('Grantiau Cymuned <grantiau@llyw.example>');
    expect(loadConfig({ MAIL_FROM: 'grantiau@llyw.example' }).MAIL_FROM).toBe('grantiau@llyw.example');
    expect(loadConfig({ MAIL_FROM: '' }).MAIL_FROM).toBe('Cymuned <no-reply@cymuned.example>');
    for (const bad of ['Cymuned', 'Cymuned <no-reply>', 'a@b.example, c@d.example']) {
      expect(() => loadConfig({ MAIL_FROM: bad })).toThrow('MAIL_FROM must be an address, like Name <name@example.org>');
    }
  });

  it('trusts no proxy unless told which, and never every hop', () => {
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY must name the proxies to trust/);
  });

  it('accepts a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/cymuned' }).DATABASE_URL).toBe('postgresql://u:p@db:5432/cymuned');
  });
});
