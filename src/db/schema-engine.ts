// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm).
//
// Why WebAssembly: Prisma's CLI runs `migrate deploy|dev|diff` through a native schema engine that it
// downloads on first use, and the machines this project is built on reach only the npm registry. The
// WebAssembly build of the same engine ships inside an npm package and talks to PostgreSQL through the
// driver adapter (@prisma/adapter-pg), so it applies and authors migrations offline, recording them in
// `_prisma_migrations` exactly as the native engine does.
//
// Why not `import '@prisma/schema-engine-wasm'`: that entry does `import * as wasm from "./x.wasm"`
// (WebAssembly ES-module integration), which Node refuses. So we import the wasm-bindgen glue module and
// instantiate the .wasm file ourselves, as Prisma 6's CLI did.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { bindMigrationAwareSqlAdapterFactory, type ErrorRegistry, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export type { SchemaEngine };

// The engine's Rust panic hook reports the panic message through this global before trapping. Prisma's
// client installs its own (which throws); if none is there yet we keep the message so errors can say why,
// and print it, because a panic inside an asynchronous step surfaces as an uncaught "unreachable" trap.
interface PanicRegistry {
  set_message(message: string): void;
}
interface PanicRegistryHolder {
  PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry;
}
let lastPanicMessage: string | undefined;

// Node provides WebAssembly at run time, but this project's TypeScript libs (no "DOM") do not declare it.
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: Record<string, object>): Promise<{ instance: { exports: Record<string, unknown> } }>;
  RuntimeError: abstract new (...args: never[]) => Error;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let initialised: Promise<void> | undefined;

// The glue module keeps the instance in module state, so one instantiation serves the whole process.
function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    const holder = globalThis as PanicRegistryHolder;
    holder.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        lastPanicMessage = message;
        process.stderr.write(`Prisma schema engine panicked: ${message}\n`);
      },
    };
    // The .wasm file is not in the package's "exports", so locate it beside the glue module.
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  initialised.catch(() => {
    initialised = undefined;
  });
  return initialised;
}

// The engine races database calls against timers it never clears (10 s for the advisory lock), which kept
// the process alive for 10 s after the work was done. Unref'd timers still fire, but do not hold the
// process open; while the engine works, its open database connection does that.
function withUnrefTimers(imports: typeof glue): Record<string, unknown> {
  const patched: Record<string, unknown> = { ...imports };
  for (const name of Object.keys(imports)) {
    if (name.startsWith('__wbg_setTimeout_')) {
      patched[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
  }
  return patched;
}

export interface OpenSchemaEngineOptions {
  /** Connections for the engine; it uses them only for commands that touch a database. */
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** Receives the engine's log lines (JSON). */
  log?: (line: string) => void;
}

export interface SchemaEngineSession {
  engine: SchemaEngine;
  /** Turns whatever an engine call threw into an Error whose message says what went wrong. */
  error(context: string, thrown: unknown): Error;
  /** Releases the engine's memory. The adapter's connections are the caller's to close. */
  free(): void;
}

/** Starts a schema engine over the given adapter. Errors are already readable Errors. */
export async function openSchemaEngine(options: OpenSchemaEngineOptions): Promise<SchemaEngineSession> {
  await initialiseWasm();
  const log = options.log ?? (() => {});
  const adapter = bindMigrationAwareSqlAdapterFactory(options.adapter);
  const error = (context: string, thrown: unknown) => engineError(context, thrown, adapter.errorRegistry);
  let engine: SchemaEngine;
  try {
    engine = await glue.SchemaEngine.new(
      // The commands used here (applyMigrations, diff) take their schemas as arguments.
      { datamodels: undefined },
      (line: string) => log(line),
      adapter,
    );
  } catch (thrown) {
    throw error('Starting the schema engine failed', thrown);
  }
  return { engine, error, free: () => engine.free() };
}

/**
 * The engine rejects with Errors whose message carries a Rust span trace after the useful part, with
 * "External error id#N" when a JavaScript error was thrown inside the adapter (the original waits in the
 * adapter's error registry), and with a bare WebAssembly trap after a panic (whose message only reached
 * the panic registry). This keeps the useful part and keeps the original as `cause`.
 */
function engineError(context: string, thrown: unknown, registry: ErrorRegistry): Error {
  const panic = lastPanicMessage;
  lastPanicMessage = undefined;
  let detail = thrown instanceof Error ? thrown.message : String(thrown);
  if (thrown instanceof wasmApi.RuntimeError && panic !== undefined) detail = `engine panicked: ${panic}`;
  const external = /External error id#(\d+)/.exec(detail);
  if (external?.[1] !== undefined) {
    const original = registry.consumeError(Number(external[1]))?.error;
    if (original instanceof Error) detail = original.message;
  }
  const lines = detail.split('\n');
  const traceStart = lines.findIndex((line) => /^\s+0: /.test(line));
  const useful = (traceStart === -1 ? lines : lines.slice(0, traceStart))
    .filter((line) => line.trim() !== '' && line.trim() !== 'external connector error')
    .join('\n');
  return new Error(`${context}: ${useful || detail}`, { cause: thrown });
}
