/**
 * Derives TypeScript types from the CRD's OpenAPI schemas (declared `as const`), so the schema is the one
 * source of truth for both the CRD YAML and the reconcilers' types.
 */
type RequiredKeys<S> = S extends { required: readonly (infer K)[] } ? K & string : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type ObjectOf<P, R extends string> = Simplify<
  { -readonly [K in keyof P & R]: SchemaType<P[K]> } & { -readonly [K in Exclude<keyof P, R>]?: SchemaType<P[K]> }
>;

export type SchemaType<S> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'integer' | 'number' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : S extends { type: 'array'; items: infer I }
          ? SchemaType<I>[]
          : S extends { type: 'object'; properties: infer P }
            ? ObjectOf<P, RequiredKeys<S>>
            : S extends { type: 'object'; additionalProperties: infer A }
              ? A extends { type: string }
                ? Record<string, SchemaType<A>>
                : Record<string, unknown>
              : S extends { 'x-kubernetes-int-or-string': true }
                ? string | number
                : S extends { 'x-kubernetes-preserve-unknown-fields': true }
                  ? unknown
                  : unknown;
