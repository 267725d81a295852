import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { StartupError, describeError } from '../system/startup-error.js';
import { requestIdClientInterceptor } from './request-context.js';

function unreachable(address: string, error: unknown): StartupError {
  return new StartupError(`Cannot reach Temporal at ${address} (TEMPORAL_ADDRESS): ${describeError(error)}`);
}

/** The client the API uses; it stamps every command with the current request id. */
export async function connectClient(address: string, namespace: string): Promise<{ connection: Connection; client: Client }> {
  const connection = await Connection.connect({ address, connectTimeout: '5 seconds' }).catch((error: unknown) => {
    throw unreachable(address, error);
  });
  const client = new Client({ connection, namespace, interceptors: { workflow: [requestIdClientInterceptor] } });
  return { connection, client };
}

export async function connectWorker(address: string): Promise<NativeConnection> {
  return NativeConnection.connect({ address }).catch((error: unknown) => {
    throw unreachable(address, error);
  });
}
