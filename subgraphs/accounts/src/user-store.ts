import type { Identity } from '@tributary/service-kit';
import { domainEvent, writeOutbox, type Db, type OutboxRelay } from '@tributary/service-kit/subgraph';

export interface User {
  id: string;
  name: string;
  username: string;
  email: string;
  birthday: string | null;
}

export interface NewUser {
  name: string;
  username: string;
  email: string;
  birthday: string | null;
}

const COLUMNS = 'id::text AS id, name, username, email, birthday::text AS birthday';

/** accounts.users: the only table the accounts service owns. */
export class UserStore {
  private readonly db: Db;
  private readonly events: OutboxRelay | undefined;

  /** `events`: the outbox relay, flushed after each write (absent: left to its next pass). */
  constructor(db: Db, events?: OutboxRelay) {
    this.db = db;
    this.events = events;
  }

  /** One round trip for any number of ids; unknown ids are simply absent. */
  async findByIds(ids: readonly string[]): Promise<User[]> {
    const { rows } = await this.db.query<User>(
      `SELECT ${COLUMNS} FROM accounts.users WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    return rows;
  }

  async list(first: number): Promise<User[]> {
    const { rows } = await this.db.query<User>(
      `SELECT ${COLUMNS} FROM accounts.users ORDER BY users.id LIMIT $1`,
      [first],
    );
    return rows;
  }

  /**
   * Inserts a user, with a `UserCreated` event in the same transaction; returns null when the
   * username or email is taken. The event names the user, never the email or birthday: the audit
   * trail keeps no personal data beyond who did what.
   */
  async create(user: NewUser, viewer: Identity | null = null): Promise<User | null> {
    const created = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<User>(
        `INSERT INTO accounts.users (name, username, email, birthday)
         VALUES ($1, $2, $3, $4::date)
         ON CONFLICT DO NOTHING
         RETURNING ${COLUMNS}`,
        [user.name, user.username, user.email, user.birthday],
      );
      const row = rows[0];
      if (!row) return null;
      const after = { id: row.id, username: row.username, name: row.name };
      await writeOutbox(tx, 'accounts', [domainEvent({ service: 'accounts', entityType: 'User', entityId: row.id, type: 'UserCreated', viewer, data: { before: null, after } })]);
      return row;
    });
    if (created) await this.events?.flush();
    return created;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*)::text AS n FROM accounts.users');
    return Number(rows[0]!.n);
  }

  /** Bulk insert with explicit ids (seeding), then moves the id sequence past them. */
  async insertMany(users: readonly User[]): Promise<void> {
    await this.db.query(
      `INSERT INTO accounts.users (id, name, username, email, birthday)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::date[])
       ON CONFLICT DO NOTHING`,
      [users.map((u) => u.id), users.map((u) => u.name), users.map((u) => u.username), users.map((u) => u.email), users.map((u) => u.birthday)],
    );
    await this.db.query(
      `SELECT setval(pg_get_serial_sequence('accounts.users', 'id'), (SELECT max(id) FROM accounts.users))`,
    );
  }
}
