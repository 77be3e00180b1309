import { z } from 'zod';

// The fields of an OTLP trace export (its JSON form; protobuf is decoded to the same shape by
// otlp-proto.ts) that the viewer reads. A span's identity and times are checked strictly and a
// span failing them is rejected alone; a malformed detail (an attribute, an event) is dropped.
const unixNanos = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(Number);
const optionalText = z.string().optional().catch(undefined);

const primitive = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: z.union([z.string().regex(/^-?\d{1,20}$/), z.number().int()]).transform(Number).optional(),
  doubleValue: z.number().optional(),
});
// One level of arrays (table names, annotation keys); deeper values are not shown, so not read.
const anyValue = primitive.extend({ arrayValue: z.object({ values: z.array(primitive.catch({})).optional().catch(undefined) }).optional() });

/** One attribute's value, as JavaScript. */
export type AttributeValue = string | number | boolean | (string | number | boolean)[];

const attributes = z
  .array(z.object({ key: z.string(), value: anyValue.optional() }).nullable().catch(null))
  .optional()
  .catch(undefined)
  .transform((list) => {
    const map = new Map<string, AttributeValue>();
    for (const entry of list ?? []) {
      const value = entry?.value && toValue(entry.value);
      if (entry && value !== undefined) map.set(entry.key, value);
    }
    return map;
  });

type Primitive = z.infer<typeof primitive>;

function primitiveValue(value: Primitive): string | number | boolean | undefined {
  return value.stringValue ?? value.boolValue ?? value.intValue ?? value.doubleValue;
}

function toValue(value: z.infer<typeof anyValue>): AttributeValue | undefined {
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(primitiveValue).filter((item) => item !== undefined);
  return primitiveValue(value);
}

const hex = (digits: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${digits}}$`)).refine((id) => !/^0+$/.test(id), 'must not be all zeros');

export const otlpSpanSchema = z.object({
  traceId: hex(32),
  spanId: hex(16),
  parentSpanId: z.union([z.literal(''), hex(16)]).optional(),
  name: z.string().min(1),
  /** 1 internal, 2 server, 3 client, 4 producer, 5 consumer; 0 unspecified. */
  kind: z.number().int().min(0).max(5).optional().catch(undefined),
  startTimeUnixNano: unixNanos,
  endTimeUnixNano: unixNanos.optional().catch(undefined),
  attributes,
  events: z
    .array(z.object({ name: z.string(), attributes }).nullable().catch(null))
    .optional()
    .catch(undefined),
  /** 2 is Error. */
  status: z.object({ code: z.number().int().optional().catch(undefined), message: optionalText }).optional().catch(undefined),
});

/** One span as received, its attributes in a map. */
export type OtlpSpan = z.infer<typeof otlpSpanSchema>;

const resourceSpans = z.object({
  resource: z.object({ attributes }).optional().catch(undefined),
  scopeSpans: z.array(z.object({ spans: z.array(z.unknown()).optional() })).optional(),
});

/** The envelope of an export: resources, each with its spans (checked one by one afterwards). */
export const otlpRequestSchema = z.object({ resourceSpans: z.array(resourceSpans).optional() });
