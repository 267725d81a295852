import { TestWorkflowEnvironment } from '@temporalio/testing';
import { describe, expect, inject, it } from 'vitest';
import { findTemporalCli } from '../../src/system/temporal-cli.js';
import { StartupError } from '../../src/primitives/startup-error.js';

describe('the Temporal CLI', () => {
  it('is taken from TEMPORAL_CLI_PATH first, and a wrong path is a readable startup error', () => {
    expect(findTemporalCli(inject('temporalCliPath'))).toBe(inject('temporalCliPath'));
    expect(() => findTemporalCli('/no/such/temporal')).toThrow(StartupError);
    expect(() => findTemporalCli('/no/such/temporal')).toThrow('TEMPORAL_CLI_PATH=/no/such/temporal is not an executable file');
  });

  // The SDK does not test its existing-path option upstream; we rely on it being usable for users who
  // prefer the SDK's own test environment, so prove it starts our binary.
  it("starts through the SDK's existing-path executable option", async () => {
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: inject('temporalCliPath') } },
    });
    try {
      const info = await env.connection.workflowService.getSystemInfo({});
      expect(info.serverVersion).toMatch(/^1\.29\./);
    } finally {
      await env.teardown();
    }
  });
});
