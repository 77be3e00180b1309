import { ConditionalCheckFailedException, DynamoDBServiceException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createDynamo } from './dynamodb.ts';
import { classifyStoreError, isAwsUnavailable, isPostgresUnavailable, StoreUnavailableError } from './store-unavailable.ts';

/** A local port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pgError = (code: string, message = 'server said no') => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code });
const awsError = (Exception: typeof ConditionalCheckFailedException | typeof ProvisionedThroughputExceededException) =>
  new Exception({ message: 'from DynamoDB', $metadata: { httpStatusCode: 400 } });

describe('isPostgresUnavailable', () => {
  it('holds for the error of a refused connection, as node-postgres gives it', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await closedPort(), user: 'postgres' });
    const error = await client.connect().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(isPostgresUnavailable(error)).toBe(true);
  });

  it.each([
    ['a broken connection', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a query that got no answer', new Error('Query read timeout')],
    ['a server shutting down', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['a connection exception', pgError('08006')],
    ['too many connections', pgError('53300')],
    ['a statement over statement_timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['a refused connection wrapped as a cause', new Error('query failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) })],
  ])('holds for %s', (_, error) => {
    expect(isPostgresUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a missing relation', pgError('42P01', 'relation "accounts.users" does not exist')],
    ['a bug in our code', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['no error at all', undefined],
  ])('does not hold for %s', (_, error) => {
    expect(isPostgresUnavailable(error)).toBe(false);
  });
});

describe('isAwsUnavailable', () => {
  it('holds for the error of a refused connection, as the AWS SDK gives it after its retries', async () => {
    const dynamo = createDynamo({ region: 'us-east-1', endpoint: `http://127.0.0.1:${await closedPort()}`, maxAttempts: 1 });
    const failure = await dynamo.doc.send(new GetCommand({ TableName: 't', Key: { id: '1' } })).then(() => undefined, (e: unknown) => e);
    dynamo.close();
    // createDynamo already classified it; what it wraps is the SDK's own error.
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(isAwsUnavailable((failure as StoreUnavailableError).originalError)).toBe(true);
  });

  it.each([
    ['throttling', awsError(ProvisionedThroughputExceededException)],
    ['a timed-out attempt', Object.assign(new Error('Request timed out'), { name: 'TimeoutError' })],
    ['a 5xx from the service', new DynamoDBServiceException({ name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } })],
    ['a reset connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('holds for %s', (_, error) => {
    expect(isAwsUnavailable(error)).toBe(true);
  });

  it.each([
    ['a failed condition', awsError(ConditionalCheckFailedException)],
    ['a validation error', new DynamoDBServiceException({ name: 'ValidationException', $fault: 'client', $metadata: { httpStatusCode: 400 } })],
    ['a bug in our code', new RangeError('Invalid array length')],
  ])('does not hold for %s', (_, error) => {
    expect(isAwsUnavailable(error)).toBe(false);
  });
});

describe('classifyStoreError', () => {
  it('turns an unavailable store into STORE_UNAVAILABLE, retryable, naming the store, its cause kept', () => {
    const cause = new Error('Connection terminated unexpectedly');
    const error = classifyStoreError('postgres', isPostgresUnavailable, cause);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ extensions: { code: 'STORE_UNAVAILABLE', retryable: true, store: 'postgres' }, originalError: cause });
  });

  it('leaves every other error as it is, and does not wrap twice', () => {
    const unique = pgError('23505');
    expect(classifyStoreError('postgres', isPostgresUnavailable, unique)).toBe(unique);
    const wrapped = new StoreUnavailableError('dynamodb', new Error('x'));
    expect(classifyStoreError('dynamodb', () => true, wrapped)).toBe(wrapped);
  });
});
