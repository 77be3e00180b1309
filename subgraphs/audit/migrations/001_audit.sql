-- The audit trail: append-only. Each entry's hash covers its content and the previous entry's
-- hash, so changing, removing or reordering any entry breaks the chain from there on.
CREATE TABLE audit.entries (
  position bigint PRIMARY KEY CHECK (position > 0),
  event_id uuid NOT NULL UNIQUE,
  service text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  sequence integer NOT NULL,
  type text NOT NULL,
  actor_user_id text,
  actor_admin boolean NOT NULL,
  trace_id text,
  occurred_at text NOT NULL,
  recorded_at text NOT NULL,
  before jsonb,
  after jsonb,
  data jsonb NOT NULL,
  previous_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX entries_entity ON audit.entries (entity_type, entity_id, position DESC);
CREATE INDEX entries_service ON audit.entries (service, position DESC);

-- Where the consumer is in each shard: written in the transaction that appends the shard's records.
CREATE TABLE audit.checkpoints (
  stream text NOT NULL,
  shard_id text NOT NULL,
  sequence_number text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream, shard_id)
);
