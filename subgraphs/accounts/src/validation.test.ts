import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { validateNewUser } from './validation.ts';

const today = new Date('2026-11-22T00:00:00Z');
const valid = { name: ' Ada Lovelace ', username: 'ada.l', email: 'Ada@Example.com', birthday: '1906-12-09' };
const fieldOf = (input: object) => {
  try {
    validateNewUser({ ...valid, ...input }, today);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).extensions.field;
  }
};

describe('validateNewUser', () => {
  it('normalizes valid input', () => {
    expect(validateNewUser(valid, today)).toEqual({ name: 'Ada Lovelace', username: 'ada.l', email: 'ada@example.com', birthday: '1906-12-09' });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ username: 'ab' }, 'username'],
    [{ username: 'Has Space' }, 'username'],
    [{ email: 'nope' }, 'email'],
    [{ email: `${'a'.repeat(250)}@x.io` }, 'email'],
    [{ birthday: '2026-02-30' }, 'birthday'],
    [{ birthday: '1990-1-1' }, 'birthday'],
    [{ birthday: '2030-01-01' }, 'birthday'],
    [{ birthday: '1899-12-31' }, 'birthday'],
  ])('rejects %o', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('accepts a missing birthday', () => {
    expect(fieldOf({ birthday: null })).toBeNull();
  });
});
