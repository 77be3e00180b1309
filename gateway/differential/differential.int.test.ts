import { afterAll, beforeAll, describe, test } from 'vitest';
import { differentialSeed } from '../../test-support/config.ts';
import { engines } from './engines.ts';
import { fixtures } from './fixtures/fixtures.ts';
import { fixtureSeed, operationsOf, startComparison, type Comparison } from './runner.ts';

// Every fixture's operations through stock @apollo/gateway and every engine of engines.ts:
// byte-identical answers, except the cases of stock-is-wrong.ts. DIFFERENTIAL_SEED draws other
// generated operations.
const handWritten = fixtures.reduce((sum, f) => sum + f.operations.length, 0);
const generated = fixtures.reduce((sum, f) => sum + f.generated, 0);

describe(`differential: ${fixtures.length} fixtures, ${handWritten} hand-written and ${generated} generated operations (seed ${differentialSeed}), engines: ${engines.map((e) => e.name).join(', ')}`, () => {
  for (const fixture of fixtures) {
    describe(`${fixture.name} (${fixture.description}; seed ${fixtureSeed(differentialSeed, fixture)})`, () => {
      let comparison: Comparison | undefined;
      beforeAll(async () => {
        comparison = await startComparison(fixture, engines);
      });
      afterAll(() => comparison?.stop());
      for (const operation of operationsOf(fixture, differentialSeed)) {
        test(operation.name, () => comparison!.check(operation));
      }
    });
  }
});
