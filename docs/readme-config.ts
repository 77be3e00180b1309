// The README's generated blocks: each service's configuration table, from its settings table,
// and the gateway's --help. `npm run docs:config` writes them; a test fails when they are stale.
import { baseEnv, cacheEnv, dynamoEnv, eventsEnv, markdownTable, postgresEnv, replaceBlock, type Setting, type SettingsTable } from '@tributary/service-kit';
import { settings as bench } from '../bench/src/config.ts';
import { helpText } from '../gateway/src/cli/args.ts';
import { settings as gateway } from '../gateway/src/config.ts';
import { settings as stack } from '../stack/src/config.ts';
import { settings as accounts } from '../subgraphs/accounts/src/config.ts';
import { settings as audit } from '../subgraphs/audit/src/config.ts';
import { settings as inventory } from '../subgraphs/inventory/src/config.ts';
import { settings as products } from '../subgraphs/products/src/config.ts';
import { settings as reviews } from '../subgraphs/reviews/src/config.ts';
import { settings as orders } from '../subgraphs/orders/src/config.ts';
import { settings as payments } from '../subgraphs/payments/src/config.ts';
import { settings as traces } from '../traces/src/config.ts';

export const readmePath = new URL('../README.md', import.meta.url).pathname;

const subgraphs: SettingsTable[] = [accounts, products, inventory, reviews, orders, payments, audit];
/** Settings the kit shares between services: shown once, each with the services that take it. */
const fragments: [string, Record<string, Setting>][] = [
  ['every-service', baseEnv],
  ['cache', cacheEnv],
  ['postgres', postgresEnv],
  ['dynamodb', dynamoEnv],
  ['events', eventsEnv],
];

const isShared = (row: Setting) => fragments.some(([, rows]) => Object.values(rows).includes(row));

function fragmentBlock(rows: Record<string, Setting>): string {
  const users = subgraphs.filter((service) => Object.values(rows).some((row) => Object.values(service.settings).includes(row)));
  const overridden = Object.keys(rows).filter((env) => users.some((service) => env in service.settings && service.settings[env] !== rows[env]));
  const note = overridden.length ? ` Each sets its own ${overridden.map((env) => `\`${env}\``).join(', ')} (below).` : '';
  return `Taken by ${users.map((service) => service.service).join(', ')}.${note}\n\n${markdownTable(rows)}`;
}

/** A subgraph's own settings: those the kit's shared ones do not already list. */
const ownRows = (service: SettingsTable) => Object.fromEntries(Object.entries(service.settings).filter(([, row]) => !isShared(row)));

/** Every generated block of the README, by name. */
export function readmeBlocks(): Record<string, string> {
  return {
    'gateway-help': `\`\`\`text\n$ npx tributary-gateway --help\n${helpText()}\`\`\``,
    'config-gateway': markdownTable(gateway.settings, gateway.patterns),
    ...Object.fromEntries(fragments.map(([name, rows]) => [`config-${name}`, fragmentBlock(rows)])),
    ...Object.fromEntries(subgraphs.map((service) => [`config-${service.service}`, markdownTable(ownRows(service))])),
    'config-npm-start': markdownTable(stack.settings),
    'config-traces': markdownTable(traces.settings),
    'config-bench': markdownTable(bench.settings),
  };
}

/** `readme` with every generated block made anew. */
export const renderReadme = (readme: string): string =>
  Object.entries(readmeBlocks()).reduce((text, [name, content]) => replaceBlock(text, name, content), readme);
