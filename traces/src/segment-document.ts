import { z } from 'zod';

// The fields of X-Ray segment documents the viewer shows; everything else (metadata, aws
// resource details, exceptions' stacks) is stripped on parse. Identity and timing are checked
// strictly; a malformed detail (say an annotation holding an object) is dropped on its own
// rather than losing the whole segment.
const hexId = z.string().regex(/^[0-9a-f]{16}$/i, 'must be 16 hex digits');
const optionalText = z.string().optional().catch(undefined);
// Epoch seconds; the bound (the year 2286) keeps every later sum and difference of times finite.
const epochSeconds = z.number().positive().max(1e10);

const exceptionMessage = z
  .object({ exceptions: z.array(z.object({ message: z.string().optional() }).catch({})).optional() })
  .optional()
  .catch(undefined);

const fields = {
  id: hexId,
  name: z.string().min(1),
  start_time: epochSeconds,
  end_time: epochSeconds.optional().catch(undefined),
  in_progress: z.boolean().optional().catch(undefined),
  error: z.boolean().optional().catch(undefined),
  fault: z.boolean().optional().catch(undefined),
  throttle: z.boolean().optional().catch(undefined),
  namespace: optionalText,
  http: z
    .object({
      request: z.object({ method: optionalText, url: optionalText }).optional().catch(undefined),
      response: z.object({ status: z.number().int().optional().catch(undefined) }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  annotations: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().catch(undefined),
  sql: z.object({ url: optionalText, sanitized_query: optionalText }).optional().catch(undefined),
  aws: z
    .object({ operation: optionalText, table_name: optionalText, table_names: z.array(z.string()).optional().catch(undefined) })
    .optional()
    .catch(undefined),
  cause: exceptionMessage,
};

const subsegmentFields = z.object(fields);

/** A subsegment, nested in a segment document or in another subsegment. */
export interface SubsegmentDocument extends z.infer<typeof subsegmentFields> {
  subsegments?: SubsegmentDocument[] | undefined;
}

const subsegments = z.lazy(() => z.array(subsegmentSchema)).optional();
const subsegmentSchema: z.ZodType<SubsegmentDocument> = subsegmentFields.extend({ subsegments });

const documentSchema = z
  .object({
    ...fields,
    subsegments,
    trace_id: z.string().regex(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/i, 'must look like 1-5f84c7a1-a006649127e371903a2de979'),
    parent_id: hexId.optional(),
    type: z.literal('subsegment').optional(),
  })
  .refine((document) => document.type !== 'subsegment' || document.parent_id !== undefined, {
    message: 'an independent subsegment needs a parent_id',
  });

/** One segment document: a segment, or a subsegment sent on its own (`type: "subsegment"`). */
export type SegmentDocument = z.infer<typeof documentSchema>;

export type ParsedDatagram = { ok: true; document: SegmentDocument } | { ok: false; reason: string };

// Deeper nesting than this is no real trace, and deep recursion would cost the validator its stack.
const maxNesting = 64;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one datagram of the X-Ray daemon protocol: a header line `{"format": "json", "version": 1}`,
 * then one segment document. Never throws: anything else is a reason to ignore the datagram.
 */
export function parseDatagram(data: Uint8Array): ParsedDatagram {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    return { ok: false, reason: 'not UTF-8' };
  }
  const newline = text.indexOf('\n');
  if (newline < 0) return { ok: false, reason: 'no header line' };
  const header = parseJson(text.slice(0, newline));
  if (!isProtocolHeader(header)) return { ok: false, reason: 'not an X-Ray daemon header' };
  const body = parseJson(text.slice(newline + 1));
  if (body === undefined) return { ok: false, reason: 'body is not JSON' };
  if (nesting(body) > maxNesting) return { ok: false, reason: 'nested too deeply' };
  const result = documentSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, document: result.data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProtocolHeader(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const header = value as Record<string, unknown>;
  return header.format === 'json' && header.version === 1;
}

/** How deeply objects and arrays nest, counted without recursion. */
function nesting(value: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > maxNesting) return deepest;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return deepest;
}
