import type { Identity } from '@tributary/service-kit';
import { domainEvent, writeOutbox, type Db, type OutboxRelay } from '@tributary/service-kit/subgraph';

export interface Review {
  id: string;
  authorId: string;
  productUpc: string;
  body: string;
  rating: number;
  createdAt: string;
}

export type NewReview = Omit<Review, 'id' | 'createdAt'> & {
  /** The author's key for this write: a second create with it returns the first review. */
  idempotencyKey?: string | undefined;
};

const COLUMNS = `r.id::text AS id, r.author_id AS "authorId", r.product_upc AS "productUpc", r.body, r.rating,
  to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

/** reviews.reviews: the only table the reviews service owns. */
export class ReviewStore {
  private readonly db: Db;
  private readonly events: OutboxRelay | undefined;

  /** `events`: the outbox relay, flushed after each write (absent: left to its next pass). */
  constructor(db: Db, events?: OutboxRelay) {
    this.db = db;
    this.events = events;
  }

  async findByIds(ids: readonly string[]): Promise<Review[]> {
    const { rows } = await this.db.query<Review>(
      `SELECT ${COLUMNS} FROM reviews.reviews r WHERE r.id = ANY($1::bigint[])`,
      [ids],
    );
    return rows;
  }

  /** The `first` newest reviews of each product, for many products in one round trip. */
  newestByProducts(upcs: readonly string[], first: number): Promise<Review[]> {
    return this.newestBy('product_upc', upcs, first);
  }

  /** The `first` newest reviews by each author, for many authors in one round trip. */
  newestByAuthors(authorIds: readonly string[], first: number): Promise<Review[]> {
    return this.newestBy('author_id', authorIds, first);
  }

  private async newestBy(column: 'product_upc' | 'author_id', keys: readonly string[], first: number): Promise<Review[]> {
    const { rows } = await this.db.query<Review>(
      `SELECT ${COLUMNS}
         FROM unnest($1::text[]) AS k(key)
         CROSS JOIN LATERAL (
           SELECT * FROM reviews.reviews x
            WHERE x.${column} = k.key
            ORDER BY x.created_at DESC, x.id DESC
            LIMIT $2) r`,
      [keys, first],
    );
    return rows;
  }

  /**
   * Adds a review, with a `ReviewAdded` event in the same transaction; with an idempotency key
   * the author used before, adds nothing (and no event) and returns that first review. A
   * concurrent twin waits on the unique index, then finds the row its twin wrote.
   */
  async create(review: NewReview, viewer: Identity | null = null): Promise<Review> {
    const created = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<Review>(
        `INSERT INTO reviews.reviews AS r (author_id, product_upc, body, rating, idempotency_key)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (author_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING ${COLUMNS}`,
        [review.authorId, review.productUpc, review.body, review.rating, review.idempotencyKey ?? null],
      );
      const row = rows[0];
      if (!row) return undefined;
      await writeOutbox(tx, 'reviews', [domainEvent({ service: 'reviews', entityType: 'Review', entityId: row.id, type: 'ReviewAdded', viewer, data: { before: null, after: row } })]);
      return row;
    });
    if (created) {
      await this.events?.flush();
      return created;
    }
    const { rows: first } = await this.db.query<Review>(
      `SELECT ${COLUMNS} FROM reviews.reviews r WHERE r.author_id = $1 AND r.idempotency_key = $2`,
      [review.authorId, review.idempotencyKey],
    );
    return first[0]!;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM reviews.reviews');
    return Number(rows[0]!.n);
  }

  /** Bulk insert with explicit ids (seeding), then moves the id sequence past them. */
  async insertMany(reviews: readonly Review[]): Promise<void> {
    await this.db.query(
      `INSERT INTO reviews.reviews (id, author_id, product_upc, body, rating, created_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        reviews.map((r) => r.id),
        reviews.map((r) => r.authorId),
        reviews.map((r) => r.productUpc),
        reviews.map((r) => r.body),
        reviews.map((r) => r.rating),
        reviews.map((r) => r.createdAt),
      ],
    );
    await this.db.query(
      `SELECT setval(pg_get_serial_sequence('reviews.reviews', 'id'), (SELECT max(id) FROM reviews.reviews))`,
    );
  }
}
