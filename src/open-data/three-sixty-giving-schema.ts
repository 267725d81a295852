import { readFileSync } from 'node:fs';
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { projectRoot } from '../primitives/paths.js';

// The official 360Giving package and grant schemas (data/360giving/, JSON Schema 2020-12), checked
// before anything is published: a file the standard refuses is never served, whatever the cause.

// ajv-formats is CommonJS: Node's default import is the plugin itself, which TypeScript types as its `default`.
const addFormats = formatsPlugin as unknown as typeof formatsPlugin.default;

/**
 * One of the schemas. They name their dialect `http://json-schema.org/draft/2020-12/schema`, the draft's own
 * URI with http for https, which Ajv does not know by that name: same dialect, so it gets the name Ajv knows.
 */
function readSchema(name: string): AnySchemaObject {
  const schema = JSON.parse(readFileSync(`${projectRoot}/data/360giving/${name}`, 'utf8')) as AnySchemaObject;
  return { ...schema, $schema: 'https://json-schema.org/draft/2020-12/schema' };
}

let compiled: ValidateFunction | undefined;

/** A validator of 360Giving packages that works offline, compiled once on first use. */
export function threeSixtyGivingPackageSchema(): ValidateFunction {
  if (compiled) return compiled;
  const grantSchema = readSchema('360-giving-schema.json');
  const packageSchema = readSchema('360-giving-package-schema.json');
  // The package schema names the grant schema by its published URL (1.4.2), the grant schema itself by 1.4.3.
  const grantsRef = (packageSchema.properties as { grants: { items: { $ref: string } } }).grants.items.$ref;
  const ajv = new Ajv2020({ allErrors: true });
  addFormats(ajv);
  // The schemas' own annotations for 360Giving's tools: not validation keywords.
  ajv.addVocabulary(['codelist', 'openCodelist', 'rollUp', 'weight']);
  ajv.addSchema(grantSchema);
  if (grantsRef !== grantSchema.$id) ajv.addSchema({ ...grantSchema, $id: grantsRef });
  compiled = ajv.compile(packageSchema);
  return compiled;
}

/** Where `data` breaks the package schema, one line per place; empty when it is valid 360Giving data. */
export function threeSixtyGivingSchemaErrors(data: unknown): string[] {
  const validate = threeSixtyGivingPackageSchema();
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
}
