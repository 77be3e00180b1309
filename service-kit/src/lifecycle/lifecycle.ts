// A service's life: listen, serve, drain on SIGTERM, exit.
export { drain, listen, type Listening } from './listen.ts';
export { runService, type RunningService, type ServiceOptions } from './service.ts';
export { exitOnShutdownSignals } from './shutdown.ts';
export { serve } from './serve.ts';
