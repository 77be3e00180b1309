import { serve } from '@tributary/service-kit';
import { startGateway } from './app.ts';
import { readConfig } from './config.ts';

await serve('gateway', readConfig(), startGateway);
