export * from './profiles.ts';
export * from './storefront.ts';
export { random } from './random.ts';
