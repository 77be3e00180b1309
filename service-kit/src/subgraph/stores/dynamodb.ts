import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inChildSpan } from '../../observability/request-scope.ts';
import { storeCalls } from '../../observability/store-calls.ts';
import { classifyStoreError, isAwsUnavailable } from './store-unavailable.ts';

export interface DynamoOptions {
  region: string;
  /** A local endpoint (dynalite, DynamoDB Local); unset means AWS itself. */
  endpoint?: string | undefined;
  /**
   * Attempts per command, the first included: throttling (ProvisionedThroughputExceeded,
   * ThrottlingException), 5xx and network errors are retried with exponential backoff and
   * jitter, within the SDK's retry quota. @default 3
   */
  maxAttempts?: number;
  /** No attempt waits longer than this for its response. @default 2000 */
  requestTimeoutMs?: number;
}

export interface Dynamo {
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  close(): void;
}

/**
 * A DynamoDB document client whose every command counts as one store round trip, and fails with
 * StoreUnavailableError when, after the SDK's retries, the endpoint is unreachable or throttling.
 */
export function createDynamo({ region, endpoint, maxAttempts = 3, requestTimeoutMs = 2_000 }: DynamoOptions): Dynamo {
  const client = new DynamoDBClient({
    region,
    // Standard, not adaptive: adaptive mode also rate-limits every later request client-side,
    // which turns one throttled burst into latency for the whole service.
    retryMode: 'standard',
    maxAttempts,
    // A down or unreachable endpoint fails each attempt within these, never hangs a request.
    requestHandler: { connectionTimeout: 1_000, requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true },
    ...(endpoint
      ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      storeCalls.record({ store: 'dynamodb', operation });
      const input = args.input as { TableName?: string; RequestItems?: Record<string, unknown> };
      return inChildSpan('DynamoDB', 'aws', (span) => {
        span?.aws({ operation, table_name: input.TableName ?? Object.keys(input.RequestItems ?? {}).join(','), region });
        return next(args).catch((error: unknown) => {
          throw classifyStoreError('dynamodb', isAwsUnavailable, error);
        });
      });
    },
    { step: 'initialize', name: 'countAndTraceStoreCalls' },
  );
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, doc, close: () => client.destroy() };
}

const BATCH_GET_LIMIT = 100;
const MAX_UNPROCESSED_ROUNDS = 8;

/**
 * BatchGetItem for any number of keys: chunks of 100 sent together, unprocessed keys
 * retried with exponential backoff. Returns the items found, in no particular order.
 */
export async function batchGetAll<T>(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
  projection?: string[],
): Promise<T[]> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += BATCH_GET_LIMIT) chunks.push(keys.slice(i, i + BATCH_GET_LIMIT));
  const results = await Promise.all(chunks.map((chunk) => batchGetChunk<T>(doc, table, chunk, projection)));
  return results.flat();
}

async function batchGetChunk<T>(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
  projection?: string[],
): Promise<T[]> {
  const items: T[] = [];
  let pending = keys;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round >= MAX_UNPROCESSED_ROUNDS) {
      throw new Error(`BatchGetItem on ${table}: ${pending.length} keys still unprocessed after ${round} rounds`);
    }
    if (round > 0) await sleep(Math.min(1000, 25 * 2 ** round) * (0.5 + Math.random() / 2));
    const names = projection ? Object.fromEntries(projection.map((p, i) => [`#p${i}`, p])) : undefined;
    const output = await doc.send(
      new BatchGetCommand({
        RequestItems: {
          [table]: {
            Keys: pending,
            ...(names
              ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names }
              : {}),
          },
        },
      }),
    );
    items.push(...((output.Responses?.[table] ?? []) as T[]));
    pending = (output.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
  }
  return items;
}

/** Creates a table when absent (local endpoints only; on AWS the infrastructure owns tables). */
export async function ensureTable(client: DynamoDBClient, definition: CreateTableCommandInput): Promise<boolean> {
  const TableName = definition.TableName!;
  try {
    await client.send(new DescribeTableCommand({ TableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  try {
    await client.send(new CreateTableCommand(definition));
  } catch (error) {
    // Another replica created it first.
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  for (let i = 0; i < 100; i += 1) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    if (Table?.TableStatus === 'ACTIVE') return true;
    await sleep(100);
  }
  throw new Error(`table ${TableName} did not become ACTIVE`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const BATCH_WRITE_LIMIT = 25;

/** BatchWriteItem (puts) for any number of items, 25 a call, unprocessed items retried. */
export async function batchPutAll(
  doc: DynamoDBDocumentClient,
  table: string,
  items: Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH_WRITE_LIMIT) {
    let pending = items.slice(i, i + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let round = 0; pending.length > 0; round += 1) {
      if (round >= MAX_UNPROCESSED_ROUNDS) throw new Error(`BatchWriteItem on ${table}: items still unprocessed`);
      if (round > 0) await sleep(Math.min(1000, 25 * 2 ** round));
      const output = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (output.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
}

/** True when a table has no item (one Scan of one item). */
export async function isTableEmpty(doc: DynamoDBDocumentClient, table: string): Promise<boolean> {
  const output = await doc.send(new ScanCommand({ TableName: table, Limit: 1 }));
  return (output.Items ?? []).length === 0;
}
