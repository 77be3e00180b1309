-- The source of truth: every change of an order is one event, appended, never changed.
-- user ids and UPCs are keys owned by the accounts and products services: no foreign keys across services.
CREATE TABLE orders.order_events (
  order_id uuid NOT NULL,
  sequence integer NOT NULL CHECK (sequence >= 1),
  type text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  actor_user_id text,
  actor_admin boolean NOT NULL DEFAULT false,
  trace_id text,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- Two writers appending the same sequence: one wins, the other reloads (optimistic concurrency).
  PRIMARY KEY (order_id, sequence)
);

CREATE FUNCTION orders.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'orders.order_events is append-only';
END
$$;

CREATE TRIGGER order_events_append_only BEFORE UPDATE OR DELETE ON orders.order_events
  FOR EACH ROW EXECUTE FUNCTION orders.refuse_event_change();

-- The projection of the events that queries read, written in the same transaction as them.
CREATE TABLE orders.orders (
  id uuid PRIMARY KEY,
  user_id text NOT NULL,
  idempotency_key text NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
  lines jsonb NOT NULL,
  total bigint NOT NULL CHECK (total >= 0),
  rejection_code text,
  rejection_message text,
  -- The saga running on the order ('placing', 'cancelling'); null once it finished.
  saga text CHECK (saga IN ('placing', 'cancelling')),
  version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (user_id, idempotency_key)
);

CREATE INDEX orders_newest_by_user ON orders.orders (user_id, created_at DESC, id DESC);
CREATE INDEX orders_unfinished ON orders.orders (updated_at) WHERE saga IS NOT NULL;
