import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { domainEvent } from './domain-event.ts';
import { pendingEvents, withOutbox } from './dynamo-outbox.ts';

const event = (type: string) => domainEvent({ service: 's', entityType: 'T', entityId: '1', type, data: {}, traceId: null });

describe('the DynamoDB outbox', () => {
  it('adds its clauses to an update that has SET and ADD, or neither', () => {
    const both = withOutbox({ TableName: 't', Key: { id: '1' }, UpdateExpression: 'SET a = :a ADD n :one', ExpressionAttributeValues: { ':a': 1, ':one': 1 } }, [event('A')]);
    expect(both.UpdateExpression).toBe(
      'SET #outbox = list_append(if_not_exists(#outbox, :outboxEmpty), :outboxEvents), #outboxPending = :outboxPending, a = :a ADD #outboxSequence :outboxCount, n :one',
    );
    expect(both.ExpressionAttributeValues).toMatchObject({ ':a': 1, ':one': 1, ':outboxCount': 1 });
    const removeOnly = withOutbox<UpdateCommandInput>({ TableName: 't', Key: { id: '1' }, UpdateExpression: 'REMOVE b' }, [event('A'), event('B')]);
    expect(removeOnly.UpdateExpression).toBe(
      'REMOVE b SET #outbox = list_append(if_not_exists(#outbox, :outboxEmpty), :outboxEvents), #outboxPending = :outboxPending ADD #outboxSequence :outboxCount',
    );
    expect(removeOnly.ExpressionAttributeValues![':outboxCount']).toBe(2);
  });

  it('numbers pending events so the last one carries the item counter', () => {
    const [a, b] = [event('A'), event('B')];
    const pending = pendingEvents({ outbox: [a, b], outboxSequence: 7 });
    expect(pending.map((e) => [e.type, e.sequence])).toEqual([['A', 6], ['B', 7]]);
    expect(pendingEvents(undefined)).toEqual([]);
  });
});
