import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { countNodes, documentLimitsRule, selectionDepth } from './document-limits.ts';

const schema = buildSchema('type Query { a: A, s: String } type A { a: A, s: String }');
const limits = { maxDepth: 3, maxAliases: 2, maxDirectives: 2, maxDocumentBytes: 200 };
const errors = (query: string) => validate(schema, parse(query), [...specifiedRules, documentLimitsRule(limits)]).map((e) => e.message);

describe('document limits', () => {
  it('measures depth through fragments and inline fragments, each fragment once', () => {
    expect(selectionDepth(parse('{ a { a { s } } }'))).toBe(3);
    expect(selectionDepth(parse('{ a { ...F } } fragment F on A { ... on A { a { a { s } } } }'))).toBe(4);
    expect(selectionDepth(parse('{ __schema { types { fields { type { ofType { name } } } } } }'))).toBe(0);
  });

  it('counts aliases and directives as written', () => {
    expect(countNodes(parse('{ x: s y: s a @include(if: true) { z: s @skip(if: false) } }'))).toEqual({ aliases: 3, directives: 2 });
  });

  it('passes a document within every limit', () => {
    expect(errors('{ a { a { s } } x: s }')).toEqual([]);
  });

  it('reports each limit exceeded, with numbers', () => {
    expect(errors('{ a { a { a { s } } } }')).toEqual(['The operation nests fields 4 deep, more than the limit of 3']);
    expect(errors('{ x: s y: s z: s }')).toEqual(['The document has 3 aliases, more than the limit of 2']);
    expect(errors('{ s @skip(if: false) a @skip(if: false) { s @skip(if: false) } }')).toEqual(['The document has 3 directives, more than the limit of 2']);
    expect(errors(`{ s } # ${'é'.repeat(100)}`)).toEqual(['The document is 208 bytes, more than the limit of 200']);
  });

  it('survives fragment cycles, which graphql itself reports', () => {
    const messages = errors('{ a { ...F } } fragment F on A { a { ...G } } fragment G on A { a { ...F } }');
    expect(messages.some((m) => m.includes('Cannot spread fragment'))).toBe(true);
  });

  it('leaves the introspection query alone', () => {
    const rule = documentLimitsRule({ maxDepth: 12, maxAliases: 30, maxDirectives: 50, maxDocumentBytes: 32768 });
    expect(validate(schema, parse(getIntrospectionQuery()), [rule])).toEqual([]);
  });
});
