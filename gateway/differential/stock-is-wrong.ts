import type { DifferentialResponse } from './engine.ts';

/** An answer as Apollo Server writes it: `JSON.stringify(body)` and a newline. */
export interface Answer {
  status: number;
  body: unknown;
}

/** A hand-written operation that stock answers against the GraphQL or Federation spec. */
export interface StockIsWrong {
  fixture: string;
  operation: string;
  /** What the spec says, and what stock does instead. */
  reason: string;
  /** What stock answers (checked on every run: when stock changes, this list must). */
  stock: Answer;
  /** The answer every other engine must give. */
  correct: Answer;
}

/** The bytes Apollo Server sends for an answer. */
export const bytesOf = ({ status, body }: Answer): DifferentialResponse => ({ status, body: `${JSON.stringify(body)}\n` });

type Path = (string | number)[];

/** A non-null field found null, as stock words it (`field` is what stock names: the response name). */
const nullError = (parent: string, field: string, path: Path) => ({
  message: `Cannot return null for non-nullable field ${parent}.${field}.`,
  path,
  extensions: { code: 'INVALID_GRAPHQL' },
});

/** Stock's answer: the errors only in `extensions.valueCompletion`, none in `errors`. */
const stockHides = (data: unknown, ...errors: ReturnType<typeof nullError>[]): Answer => ({
  status: 200,
  body: { data, extensions: { valueCompletion: errors } },
});

/** The correct answer: the same data, the same errors in `errors`, where the spec puts them. */
const reported = (data: unknown, ...errors: ReturnType<typeof nullError>[]): Answer => ({ status: 200, body: { errors, data } });

const ok = (data: unknown): Answer => ({ status: 200, body: { data } });

const HIDDEN_ERRORS =
  'GraphQL spec, Handling Field Errors (§6.4.4, "Errors and Non-Null Fields"): a non-null field that is null is a field error, ' +
  '"the field error must be added to the errors list in the response", and the null propagates to the nearest nullable parent. ' +
  'Stock propagates the null but puts the error in extensions.valueCompletion and leaves `errors` out, so a client sees ' +
  'null (even `data: null`) with no error.';

const ALIAS_IN_MESSAGE = ' Stock also names the field by its alias (`Book.t`), which is no field of the schema; the message names `Book.title`.';

const nullability = (operation: string, data: unknown, errors: [string, string, Path][], correctNames: string[] = errors.map(([, f]) => f)): StockIsWrong => ({
  fixture: 'nullability',
  operation,
  reason: HIDDEN_ERRORS,
  stock: stockHides(data, ...errors.map(([parent, field, path]) => nullError(parent, field, path))),
  correct: reported(data, ...errors.map(([parent, , path], i) => nullError(parent, correctNames[i]!, path))),
});

const REQUIRES_OTHER_ARGUMENTS =
  'Federation: a @requires selection is input to the requiring field only; the client gets the field it asked for, with its ' +
  'own arguments (GraphQL spec §6.3: a field is executed with the arguments of its selection). Stock fetches `price` once under ' +
  'one response name for both selections, so one selection gets the other\'s value.';

const UNRESOLVED_ENTITY =
  'Federation: the directory answers null for the entity the shop named by email, so the fields that needed its id (from ' +
  'accounts) have no value; a non-null one is a field error (GraphQL spec §6.4.4). Stock nulls the buyer with no error in ' +
  '`errors` (only extensions.valueCompletion).';

const UNRESOLVED_INTERFACE_OBJECT =
  'Federation @interfaceObject: no subgraph resolves m4\'s concrete type (its __resolveReference answers null), so its ' +
  '`__typename` (String!, GraphQL spec §4.4 and §6.4.4) and any field only the implementations hold have no value: a field ' +
  'error, and null in the nearest nullable parent.';

export const stockIsWrong: StockIsWrong[] = [
  {
    fixture: 'requires-conflicts',
    operation: 'client price in USD beside a requires of the EUR price',
    reason: `${REQUIRES_OTHER_ARGUMENTS} Here euroShipping gets the USD price.`,
    stock: ok({ items: [{ id: '1', price: 100, euroShipping: 100 }, { id: '2', price: 250, euroShipping: 250 }] }),
    correct: ok({ items: [{ id: '1', price: 100, euroShipping: 90 }, { id: '2', price: 250, euroShipping: 225 }] }),
  },
  {
    fixture: 'requires-conflicts',
    operation: 'requires of the EUR price beside the client price in USD',
    reason: `${REQUIRES_OTHER_ARGUMENTS} Here the client's price(currency: "USD") gets the EUR price.`,
    stock: ok({ items: [{ id: '1', euroShipping: 90, price: 90 }, { id: '2', euroShipping: 225, price: 225 }] }),
    correct: ok({ items: [{ id: '1', euroShipping: 90, price: 100 }, { id: '2', euroShipping: 225, price: 250 }] }),
  },
  {
    fixture: 'requires-conflicts',
    operation: 'two requires of the price in other currencies',
    reason: `${REQUIRES_OTHER_ARGUMENTS} Two @requires of price(currency: "EUR") and price(currency: "GBP"): the GBP price reaches both.`,
    stock: ok({ items: [{ id: '1', euroShipping: 80, poundShipping: 80 }, { id: '2', euroShipping: 200, poundShipping: 200 }] }),
    correct: ok({ items: [{ id: '1', euroShipping: 90, poundShipping: 80 }, { id: '2', euroShipping: 225, poundShipping: 200 }] }),
  },
  ...['buyer name through two key hops', 'buyer id through one key hop', 'buyer name only'].map((operation, i): StockIsWrong => {
    const field = i === 1 ? 'id' : 'name';
    const buyers = [i === 0 ? { email: 'ada@example.com', name: 'Ada' } : i === 1 ? { id: 'u1' } : { name: 'Ada' }, null, i === 0 ? { email: 'alan@example.com', name: 'Alan' } : i === 1 ? { id: 'u2' } : { name: 'Alan' }];
    const data = { orders: buyers.map((buyer, n) => (i === 2 ? { buyer } : { id: `o${n + 1}`, buyer })) };
    const error = nullError('User', field, ['orders', 1, 'buyer', field]);
    return { fixture: 'keys-across-subgraphs', operation, reason: UNRESOLVED_ENTITY, stock: stockHides(data, error), correct: reported(data, error) };
  }),
  {
    fixture: 'interface-object-unresolvable',
    operation: 'typename of an unresolvable interface object',
    reason: `${UNRESOLVED_INTERFACE_OBJECT} Stock answers featured: null with no error at all.`,
    stock: ok({ featured: null }),
    correct: reported({ featured: null }, nullError('Media', '__typename', ['featured', '__typename'])),
  },
  {
    fixture: 'interface-object-unresolvable',
    operation: 'interface field of an unresolvable interface object',
    reason: `${UNRESOLVED_INTERFACE_OBJECT} Stock reports it only in extensions.valueCompletion.`,
    stock: stockHides({ featured: null }, nullError('Media', 'title', ['featured', 'title'])),
    correct: reported({ featured: null }, nullError('Media', 'title', ['featured', 'title'])),
  },
  {
    fixture: 'interface-object-unresolvable',
    operation: 'unresolvable interface object in a list',
    reason: `${UNRESOLVED_INTERFACE_OBJECT} The null propagates to data; stock reports it only in extensions.valueCompletion.`,
    stock: stockHides(null, nullError('Media', 'title', ['topRated', 0, 'similar', 1, 'title'])),
    correct: reported(null, nullError('Media', 'title', ['topRated', 0, 'similar', 1, 'title'])),
  },
  nullability('non-null root field null', null, [['Query', 'strictShelf', ['strictShelf']]]),
  nullability('non-null root field null beside another root field', null, [['Query', 'strictShelf', ['strictShelf']]]),
  nullability('non-null field of a nullable root object', { shelf: null }, [['Shelf', 'label', ['shelf', 'label']]]),
  nullability('non-null field in a list of non-null items', { shelves: null }, [['Shelf', 'label', ['shelves', 1, 'label']]]),
  nullability('non-null field of a list item, two lists deep', { shelves: null }, [['Book', 'title', ['shelves', 2, 'books', 1, 'title']]]),
  nullability(
    'null item of a nullable-item list',
    { books: [{ id: 'b1', title: 'Dune' }, null, { id: 'b3', title: 'Emma' }, null] },
    [['Book', 'title', ['books', 1, 'title']]],
  ),
  nullability('non-null field from an entity fetch', { shelf: null }, [['Book', 'pages', ['shelf', 'books', 1, 'pages']]]),
  nullability(
    'non-null field of an object from an entity fetch',
    { shelf: { books: [{ id: 'b1', author: { name: 'Frank Herbert' } }, { id: 'b3', author: null }] } },
    [['Author', 'name', ['shelf', 'books', 1, 'author', 'name']]],
  ),
  nullability('violations in two subgraphs at once', { shelves: null }, [
    ['Book', 'pages', ['shelves', 0, 'books', 1, 'pages']],
    ['Shelf', 'label', ['shelves', 1, 'label']],
    ['Book', 'title', ['shelves', 2, 'books', 1, 'title']],
  ]),
  {
    ...nullability('non-null violation under an alias', { s: null }, [['Book', 't', ['s', 'b', 1, 't']]], ['title']),
    reason: HIDDEN_ERRORS + ALIAS_IN_MESSAGE,
  },
];
