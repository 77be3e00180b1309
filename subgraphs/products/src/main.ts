import { serve } from '@tributary/service-kit';
import { startProducts } from './app.ts';
import { readConfig } from './config.ts';

await serve('products', readConfig(), startProducts);
