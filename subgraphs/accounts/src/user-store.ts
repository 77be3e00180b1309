import type { Db } from '@tributary/service-kit/subgraph';

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

  constructor(db: Db) {
    this.db = db;
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

  /** Inserts a user; returns null when the username or email is taken. */
  async create(user: NewUser): Promise<User | null> {
    const { rows } = await this.db.query<User>(
      `INSERT INTO accounts.users (name, username, email, birthday)
       VALUES ($1, $2, $3, $4::date)
       ON CONFLICT DO NOTHING
       RETURNING ${COLUMNS}`,
      [user.name, user.username, user.email, user.birthday],
    );
    return rows[0] ?? null;
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
