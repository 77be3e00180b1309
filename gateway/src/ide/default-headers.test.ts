import { describe, expect, it } from 'vitest';
import { parseDefaultHeaders } from './default-headers.ts';

describe('the IDE headers editor text', () => {
  it('is a JSON object of headers, with // comment lines', () => {
    expect(parseDefaultHeaders('// user 1\n//   npm run token -- --user 1\n{ "authorization": "Bearer a.b.c", "x-trace": "1" }\n')).toEqual({
      authorization: 'Bearer a.b.c',
      'x-trace': '1',
    });
    expect(parseDefaultHeaders('{ "x-url": "http://example.test//path" }')).toEqual({ 'x-url': 'http://example.test//path' });
    expect(parseDefaultHeaders('')).toEqual({});
    expect(parseDefaultHeaders('// only a hint\n')).toEqual({});
  });

  it('says what is wrong with anything else', () => {
    expect(() => parseDefaultHeaders('{ authorization: "x" }')).toThrow(/is not a JSON object \(lines starting with \/\/ are comments\)/);
    expect(() => parseDefaultHeaders('["authorization"]')).toThrow('is not a JSON object of header names to values');
    expect(() => parseDefaultHeaders('"Bearer x"')).toThrow('is not a JSON object of header names to values');
    expect(() => parseDefaultHeaders('{ "x-n": 1 }')).toThrow('the value of x-n must be a string on one line');
    expect(() => parseDefaultHeaders('{ "x-n": "a\\r\\nset-cookie: b" }')).toThrow('the value of x-n must be a string on one line');
    expect(() => parseDefaultHeaders('{ "bad name": "x" }')).toThrow('"bad name" is not a header name');
  });
});
