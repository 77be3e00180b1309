import { serve } from '@tributary/service-kit';
import { startReviews } from './app.ts';
import { readConfig } from './config.ts';

await serve('reviews', readConfig(), startReviews);
