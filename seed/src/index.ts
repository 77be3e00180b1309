export * from './profiles.ts';
export * from './storefront.ts';
