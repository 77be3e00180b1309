import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, test } from 'vitest';
import { compileSelections } from './projection-compiler.ts';
import { project } from './projection.ts';

const schema = buildSchema(`
  type Query { shelf: Shelf, media: Media }
  type Shelf { label: String!, books: [Book!] }
  type Book { id: ID!, title: String! }
  interface Media { title: String }
  type Film implements Media { title: String, minutes: Int }
`);

function run(query: string, input: Record<string, unknown>, variables: Record<string, unknown> = {}) {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const selections = compileSelections(schema, operation.selectionSet, schema.getQueryType()!, {});
  const { data, errors } = project(input, selections, 'Query', { schema, variables, introspect: () => null });
  return JSON.parse(JSON.stringify({ data, errors: errors.map((e) => ({ message: e.message, path: e.path })) }));
}

describe('the compiled projection', () => {
  test('writes the client selections in its order (the fetched data is keyed by response name), and nothing the plan added', () => {
    const input = { shelf: { __typename: 'Shelf', id: 'x', books: [{ t: 'Dune', id: 'b1', __typename: 'Book' }], label: 'Sci-fi' } };
    expect(run('{ shelf { books { t: title id } label } }', input)).toEqual({ data: { shelf: { books: [{ t: 'Dune', id: 'b1' }], label: 'Sci-fi' } }, errors: [] });
  });

  test('a null in a non-null field nulls the nearest nullable parent, with an error naming the field, not its alias', () => {
    const input = { shelf: { label: 'a', books: [{ id: 'b1', t: 'Dune' }, { id: 'b2', t: null }] } };
    expect(run('{ shelf { label books { t: title } } }', input)).toEqual({
      data: { shelf: { label: 'a', books: null } },
      errors: [{ message: 'Cannot return null for non-nullable field Book.title.', path: ['shelf', 'books', 1, 't'] }],
    });
  });

  test('@skip and @include by variable, and fragments by __typename', () => {
    const input = { media: { __typename: 'Film', title: 'Alien', minutes: 117 } };
    expect(run('query($s: Boolean!) { media { title @skip(if: $s) ... on Film { minutes } __typename } }', input, { s: true })).toEqual({
      data: { media: { minutes: 117, __typename: 'Film' } },
      errors: [],
    });
  });

  test('an interface name left as __typename (an unresolved @interfaceObject) nulls the object with an error', () => {
    expect(run('{ media { __typename } }', { media: { __typename: 'Media' } })).toEqual({
      data: { media: null },
      errors: [{ message: 'Cannot return null for non-nullable field Media.__typename.', path: ['media', '__typename'] }],
    });
  });

  test('a leaf of the wrong type is null with one error, the null propagating', () => {
    expect(run('{ shelf { label } }', { shelf: { label: 42 } })).toEqual({
      data: { shelf: null },
      errors: [{ message: 'Invalid value found for field Shelf.label.', path: ['shelf', 'label'] }],
    });
  });
});
