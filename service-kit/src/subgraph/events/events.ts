// Domain events: the envelope, the transactional outboxes (a PostgreSQL table written in the
// change's transaction; an attribute of the DynamoDB item written in the change's own UpdateItem)
// and the relays that publish them to the Kinesis stream, in order per entity, at least once.
export {
  actorOf,
  domainEvent,
  parseDomainEvent,
  partitionKey,
  type DomainEvent,
  type EventActor,
  type EventInput,
  type NewDomainEvent,
} from './domain-event.ts';
export { createKinesisClient, ensureStream, kinesisStream, type EventStream, type KinesisOptions } from './kinesis-stream.ts';
export { openEventStream, type EventsConfig } from './open-event-stream.ts';
export {
  outboxMigrationSql,
  relayPostgresOutbox,
  startOutboxRelay,
  writeOutbox,
  type PostgresRelayOptions,
  type Queryable,
} from './postgres-outbox.ts';
export {
  OUTBOX_ATTRIBUTE,
  OUTBOX_INDEX,
  OUTBOX_PENDING_ATTRIBUTE,
  OUTBOX_SEQUENCE_ATTRIBUTE,
  pendingEvents,
  relayItem,
  startDynamoOutboxRelay,
  withOutbox,
  withOutboxIndex,
  type DynamoOutboxRelay,
  type DynamoRelayOptions,
} from './dynamo-outbox.ts';
export { dynamoStoreWithOutbox, postgresStoreWithOutbox } from './outbox-store.ts';
export { byEntity, relayLoop, type OutboxRelay } from './relay-loop.ts';
