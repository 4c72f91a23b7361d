/**
 * JSON schemas of the record payloads, each tied to the TypeScript type it describes: the API
 * declares them in its OpenAPI document (a timeline entry's `details`), the console's types are
 * generated from that, and the compiler holds each schema to its payload type (a schema with a
 * field missing, of another type or another choice does not compile). Pure data.
 */

/** The part of JSON Schema (OpenAPI 3.0) the payloads use. */
export interface SchemaNode {
  type: 'string' | 'boolean' | 'number' | 'integer' | 'array' | 'object';
  description?: string;
  format?: 'date-time';
  enum?: readonly string[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
}

/** A schema, and (for the compiler only) the type of the values it describes. */
export interface Schema<T> {
  readonly node: SchemaNode;
  /** never set: makes Schema<A> and Schema<B> assignable only when A and B are the same type */
  readonly type?: (value: T) => T;
}

/** A property that may be absent. */
export interface Optional<T> {
  readonly optional: Schema<T>;
}

/** A property's schema, whatever its type. */
type Field = { readonly node: SchemaNode } | { readonly optional: { readonly node: SchemaNode } };
type TypeOf<F> = F extends Optional<infer T> ? T : F extends Schema<infer T> ? T : never;
type Flat<T> = { [K in keyof T]: T[K] };
type ObjectOf<F> = Flat<
  { [K in keyof F as F[K] extends { optional: unknown } ? never : K]: TypeOf<F[K]> } & {
    [K in keyof F as F[K] extends { optional: unknown } ? K : never]?: TypeOf<F[K]>;
  }
>;

const schema = <T>(node: SchemaNode): Schema<T> => ({ node });
const described = (node: SchemaNode, description?: string): SchemaNode =>
  description ? { ...node, description } : node;

export const text = (description?: string): Schema<string> =>
  schema(described({ type: 'string' }, description));
/** An instant, ISO 8601 with its zone. */
export const instant = (description?: string): Schema<string> =>
  schema(described({ type: 'string', format: 'date-time' }, description));
export const flag = (description?: string): Schema<boolean> =>
  schema(described({ type: 'boolean' }, description));
export const count = (description?: string): Schema<number> =>
  schema(described({ type: 'integer' }, description));
export const amount = (description?: string): Schema<number> =>
  schema(described({ type: 'number' }, description));
export const choice = <const V extends string>(
  values: readonly V[],
  description?: string,
): Schema<V> => schema(described({ type: 'string', enum: values }, description));
export const list = <T>(items: Schema<T>, description?: string): Schema<T[]> =>
  schema(described({ type: 'array', items: items.node }, description));
export const optional = <T>(inner: Schema<T>): Optional<T> => ({ optional: inner });

/** An object of these properties (those made `optional` may be absent). */
export function object<F extends Record<string, Field>>(
  fields: F,
  description?: string,
): Schema<ObjectOf<F>> {
  const entries = Object.entries(fields);
  const nodeOf = (f: Field): SchemaNode => ('optional' in f ? f.optional.node : f.node);
  return schema(
    described(
      {
        type: 'object',
        properties: Object.fromEntries(entries.map(([name, f]) => [name, nodeOf(f)])),
        required: entries.filter(([, f]) => !('optional' in f)).map(([name]) => name),
      },
      description,
    ),
  );
}
