/**
 * What the storefront's own deployments (`npm start`, docker-compose.yml, the CDK app) set, where
 * the gateway's generic defaults are made for any graph (no cost limit, 100 requests a second per
 * client). Limits that fit the storefront's operations: its heaviest known operation is the
 * federation benchmark query (cost 3,415), the product list page costs a few hundred; a
 * shopper's page load is one to three requests, so 50 a second per client leaves room for many
 * shoppers behind one carrier NAT, and bursts of 200 absorb page loads. Signed-in shoppers are
 * counted per user, not per address.
 */
export const STOREFRONT_GATEWAY_LIMITS = {
  MAX_COST: '5000',
  DEFAULT_LIST_SIZE: '10',
  RATE_LIMIT_PER_SECOND: '50',
  RATE_LIMIT_BURST: '200',
} as const;
