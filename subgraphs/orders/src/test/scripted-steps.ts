import type { SagaSteps, StepOutcome } from '../saga/saga.ts';

type Step = keyof SagaSteps;

/**
 * The saga's steps in inventory and payments as a script, for tests: each forward step answers as
 * told (done unless refused), `faults` makes a step throw that many times before it answers, and
 * every call is recorded with the order it was for.
 */
export function scriptedSteps(answers: Partial<Record<'reserve' | 'debit' | 'confirm', StepOutcome>> = {}, faults: Partial<Record<Step, number>> = {}) {
  const calls: { step: Step; orderId: string }[] = [];
  const run = async (step: Step, orderId: string) => {
    calls.push({ step, orderId });
    if ((faults[step] ?? 0) > 0) {
      faults[step]! -= 1;
      throw new Error(`${step}: service unreachable`);
    }
  };
  const forward = (step: 'reserve' | 'debit' | 'confirm') => async (order: { id: string }) => {
    await run(step, order.id);
    return answers[step] ?? { ok: true };
  };
  const steps: SagaSteps = {
    reserve: forward('reserve'),
    debit: forward('debit'),
    confirm: forward('confirm'),
    refund: (order) => run('refund', order.id),
    release: (order) => run('release', order.id),
  };
  return { steps, calls, names: () => calls.map((c) => c.step) };
}
