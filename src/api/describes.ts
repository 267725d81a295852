import type { z } from 'zod';

// Identical types, not merely assignable ones: assignability would let either side have an optional field
// the other lacks.
type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/**
 * A response schema for the OpenAPI document, checked by the compiler against the type the handler really
 * sends: `describes<MeView>()(schema)` fails to compile (with "Expected 2 arguments") as soon as either
 * side gains, loses or changes a field, so the document cannot quietly drift from the code.
 */
export function describes<T>() {
  return <S extends z.ZodType>(schema: S, ..._mismatch: Same<z.output<S>, T> extends true ? [] : ['the schema does not describe this type']): S => schema;
}
