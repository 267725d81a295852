import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { StartupError, describeError } from '../primitives/startup-error.js';
import { requestIdClientInterceptor } from './request-id-interceptors.js';

function unreachable(address: string, error: unknown): StartupError {
  return new StartupError(`Cannot reach Temporal at ${address} (TEMPORAL_ADDRESS): ${describeError(error)}`);
}

/** The client the API uses; it stamps every command with the current request id. */
export async function connectClient(address: string, namespace: string): Promise<{ connection: Connection; client: Client }> {
  const connection = await Connection.connect({
    address,
    connectTimeout: '5 seconds',
    // gRPC's own reconnect backoff grows to two minutes, so after a long outage the API went on answering
    // 503 well after Temporal was back. Try again every second or two instead: it is one local server.
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 2000, 'grpc.min_reconnect_backoff_ms': 250 },
  }).catch((error: unknown) => {
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
