import { badUserInput } from '@tributary/service-kit';
import type { CreateUserInput } from './generated/resolver-types.ts';
import type { NewUser } from './user-store.ts';

const USERNAME = /^[a-z0-9_.]{3,32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks createUser input; throws BAD_USER_INPUT naming the first bad field. */
export function validateNewUser(input: CreateUserInput, today = new Date()): NewUser {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw badUserInput('name must be 1 to 100 characters', 'name');
  const username = input.username.trim();
  if (!USERNAME.test(username)) {
    throw badUserInput("username must be 3 to 32 characters of a-z, 0-9, '_' or '.'", 'username');
  }
  const email = input.email.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) throw badUserInput('email is not a valid address', 'email');
  const birthday = input.birthday ?? null;
  if (birthday !== null) {
    const date = new Date(`${birthday}T00:00:00Z`);
    if (!DATE.test(birthday) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birthday) {
      throw badUserInput('birthday must be a date as YYYY-MM-DD', 'birthday');
    }
    if (date > today || date.getUTCFullYear() < 1900) {
      throw badUserInput('birthday must lie between 1900 and today', 'birthday');
    }
  }
  return { name, username, email, birthday };
}
