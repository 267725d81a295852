import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/config/index.js';

// Docker cannot run on our CI machines, so we check what can be checked: the file parses, it has the
// services the README promises, and Cymuned's services are configured only with variables the code reads.
interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, ComposeService> };
const packageScripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const cymunedServices = ['migrate', 'worker', 'api'] as const;

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Temporal on PostgreSQL, the Web UI, the API and the worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'temporal', 'temporal-ui', 'worker']);
    expect(compose.services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(existsSync('Dockerfile')).toBe(true);
  });

  it.each(cymunedServices)('configures %s only with variables src/config reads, and valid values', (name) => {
    const environment = compose.services[name]?.environment ?? {};
    const known = Object.keys(configSchema.shape);
    expect(Object.keys(environment).filter((key) => !known.includes(key))).toEqual([]);
    expect(() => loadConfig(environment)).not.toThrow();
  });

  it.each(cymunedServices)('runs %s with an npm script that exists', (name) => {
    const [npm, run, script] = compose.services[name]?.command ?? [];
    expect([npm, run]).toEqual(['npm', 'run']);
    expect(packageScripts).toHaveProperty(script ?? '');
  });

  it.each(['worker', 'api'])('points %s at the compose PostgreSQL and Temporal', (name) => {
    const config = loadConfig(compose.services[name]?.environment ?? {});
    expect(new URL(config.DATABASE_URL ?? '').hostname).toBe('postgres');
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('serves the API on all interfaces inside its container, on the published port', () => {
    const config = loadConfig(compose.services.api?.environment ?? {});
    expect(config.HOST).toBe('0.0.0.0');
    expect(compose.services.api).toMatchObject({ ports: [`${config.PORT}:${config.PORT}`] });
  });
});
