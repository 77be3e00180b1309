-- addReview's idempotency key: a client retrying a write whose answer it never got (a timeout,
-- a store or subgraph failing) sends the same key, and gets the first review back, not a second.
ALTER TABLE reviews.reviews ADD COLUMN idempotency_key text CHECK (char_length(idempotency_key) BETWEEN 1 AND 100);

CREATE UNIQUE INDEX reviews_idempotency_key ON reviews.reviews (author_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
