import { serve } from '@tributary/service-kit';
import { startAccounts } from './app.ts';
import { readConfig } from './config.ts';

await serve('accounts', readConfig(), startAccounts);
