import { startEmbeddedDynamo } from '@tributary/stack';

/** A fresh in-memory dynalite on a free port, closed on dispose. */
export async function startTestDynamo(): Promise<{ endpoint: string; [Symbol.asyncDispose](): Promise<void> }> {
  const dynamo = await startEmbeddedDynamo();
  return { endpoint: dynamo.endpoint, [Symbol.asyncDispose]: dynamo.stop };
}
