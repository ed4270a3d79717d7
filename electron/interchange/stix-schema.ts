/**
 * STIX 2.1 schemas for what the exports write, from @mitre-attack/attack-data-model (ADM).
 *
 * ADM models ATT&CK's profile of STIX 2.1, and only that: its object schemas (campaign, identity,
 * relationship, attack-pattern) demand ATT&CK's own x_mitre_* properties and MITRE's identity (they
 * reject even DISARM.json's attack-patterns), and it has no report or note (its type list says
 * "not used in ATT&CK"). What fits is its STIX 2.1 core: the common properties every SDO and SRO
 * has (id, spec_version, created, modified, created_by_ref, external_references..., strict), its
 * timestamp, identifier, name and description schemas. Each object type here is that core
 * extended with the few properties STIX 2.1 gives the type, so nothing below re-checks what ADM checks.
 *
 * Loaded from ADM's CommonJS build: its ES module build fails to initialise with the zod this
 * project uses (a discriminated union over a schema not yet defined, in its bundle schema chunk).
 */
import { createRequire } from 'node:module';

import type { z as Z, ZodObject, ZodType } from 'zod/v4';

type Schema = ZodType;
interface Adm {
  stixDomainObjectSchema: ZodObject;
  stixRelationshipObjectSchema: ZodObject;
  stixTimestampSchema: ZodType;
  nameSchema: ZodType;
  descriptionSchema: ZodType;
}

const require = createRequire(import.meta.url);
const adm = require('@mitre-attack/attack-data-model/dist/schemas/index.cjs') as Adm;
// The zod that ADM's CommonJS build uses, so that extended schemas are of one zod.
const z = (require('zod/v4') as { z: typeof Z }).z;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A `type--uuid` id for a type ADM's identifier schema does not know (report, note). */
const idOf = (type: string) => z.string().regex(new RegExp(`^${type}--${UUID}$`), `not a ${type} id (${type}--<uuid>)`);
/** Any object's id: ADM's for the types it knows, else `type--uuid`. */
const anyId = z.string().regex(new RegExp(`^[a-z0-9-]+--${UUID}$`), 'not a STIX identifier (type--<uuid>)');

const sdo = (type: string, shape: Record<string, unknown>) => adm.stixDomainObjectSchema.omit({ id: true, type: true }).extend({ id: idOf(type), type: z.literal(type), ...shape });

/** The STIX 2.1 objects the exports write, by type. */
export const STIX_OBJECT_SCHEMAS: Readonly<Record<string, Schema>> = {
  identity: sdo('identity', { name: adm.nameSchema, description: adm.descriptionSchema.optional(), identity_class: z.string().min(1) }),
  campaign: sdo('campaign', { name: adm.nameSchema, description: adm.descriptionSchema.optional() }),
  report: sdo('report', { name: adm.nameSchema, description: adm.descriptionSchema.optional(), report_types: z.array(z.string().min(1)).min(1), published: adm.stixTimestampSchema, object_refs: z.array(anyId).min(1) }),
  note: sdo('note', { abstract: z.string().min(1).optional(), content: z.string().min(1), authors: z.array(z.string().min(1)).optional(), object_refs: z.array(anyId).min(1) }),
  relationship: adm.stixRelationshipObjectSchema.omit({ id: true, type: true }).extend({ id: idOf('relationship'), type: z.literal('relationship'), relationship_type: z.string().min(1), source_ref: anyId, target_ref: anyId }),
};

/** The bundle itself: type, id and a list of objects (each checked by its type's schema). */
const BUNDLE = z.object({ type: z.literal('bundle'), id: idOf('bundle'), objects: z.array(z.looseObject({ type: z.string().min(1) })).min(1) }).strict();

export interface StixProblem {
  readonly where: string;
  readonly message: string;
}

/** Every problem of `bundle` against the schemas above; an object of an unlisted type is one. */
export function checkStixBundle(bundle: unknown): StixProblem[] {
  const top = BUNDLE.safeParse(bundle);
  if (!top.success) return (top.error?.issues ?? []).map((i) => ({ where: `bundle.${i.path.join('.')}`, message: i.message }));
  const problems: StixProblem[] = [];
  for (const [index, object] of (bundle as { objects: { type: string; id?: unknown }[] }).objects.entries()) {
    const schema = STIX_OBJECT_SCHEMAS[object.type];
    const where = `objects[${index}] (${String(object.id ?? object.type)})`;
    if (!schema) {
      problems.push({ where, message: `type ${object.type} is not one the exports write` });
      continue;
    }
    const result = schema.safeParse(object);
    for (const issue of result.error?.issues ?? []) problems.push({ where: `${where}.${issue.path.join('.')}`, message: issue.message });
  }
  return problems;
}
