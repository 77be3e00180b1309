// The order saga: its plan (from the order's events), its steps in inventory and payments, the
// runner that drives it durably, and the recovery that takes up sagas a crash left unfinished.
export { FAULT_POINTS, type FaultPoint } from './fault-injection.ts';
export { remoteSteps } from './remote-steps.ts';
export { startSagaRecovery } from './saga-recovery.ts';
export { nextAction, type SagaAction } from './saga-plan.ts';
export { SagaRunner, SagaStalled, type SagaLog, type SagaRunnerOptions } from './saga-runner.ts';
export type { SagaSteps, StepOutcome } from './saga-steps.ts';
