import { serve } from '@tributary/service-kit';
import { startInventory } from './app.ts';
import { readConfig } from './config.ts';

await serve('inventory', readConfig(), startInventory);
