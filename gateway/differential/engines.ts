import type { Engine } from './engine.ts';
import { stockEngine } from './stock-engine.ts';
import { tributaryEngine, tributaryUnmergedEngine } from './tributary-engine.ts';

/**
 * The engines held to stock's answers, byte for byte, except where `stock-is-wrong.ts` lists a
 * case: there each must give the correct answer. A second stock instance is held to stock's own
 * answers everywhere, wrong ones included: it shows the fixtures answer the same every time.
 */
export const engines: Engine[] = [stockEngine, tributaryEngine, tributaryUnmergedEngine];
