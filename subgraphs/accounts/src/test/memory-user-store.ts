import type { StoreStandIn } from '@tributary/service-kit/subgraph/testing';
import type { NewUser, User, UserStore } from '../user-store.ts';

/** accounts.users in memory, for resolver tests: UserStore's behaviour (unique username and email, id order). */
export class MemoryUserStore implements StoreStandIn<UserStore> {
  readonly users: User[];

  constructor(users: readonly User[] = []) {
    this.users = [...users];
  }

  async findByIds(ids: readonly string[]): Promise<User[]> {
    return this.users.filter((u) => ids.includes(u.id));
  }

  async list(first: number): Promise<User[]> {
    return [...this.users].sort((a, b) => Number(a.id) - Number(b.id)).slice(0, first);
  }

  async create(user: NewUser): Promise<User | null> {
    if (this.users.some((u) => u.username === user.username || u.email === user.email)) return null;
    const created = { id: String(Math.max(0, ...this.users.map((u) => Number(u.id))) + 1), ...user };
    this.users.push(created);
    return created;
  }

  async count(): Promise<number> {
    return this.users.length;
  }

  async insertMany(users: readonly User[]): Promise<void> {
    for (const user of users) if (!this.users.some((u) => u.id === user.id)) this.users.push(user);
  }
}
