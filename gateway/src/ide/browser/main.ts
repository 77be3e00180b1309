// The IDE page's script: GraphiQL with the explorer, the schema docs and the history, talking to
// the gateway that served the page. Everything it loads comes from that gateway.
import { explorerPlugin } from '@graphiql/plugin-explorer';
import '@graphiql/plugin-explorer/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { PAGE_CONFIG_ID, type IdePageConfig } from '../page-config.ts';
import './page.css';

const config = JSON.parse(document.getElementById(PAGE_CONFIG_ID)!.textContent!) as IdePageConfig;

// Monaco asks for a worker per language; GraphiQL's own setups load them from a CDN or need a
// bundler's worker syntax, so the gateway's build names them and the page says where they are.
const workerUrl = (label: string) => new URL(config.workers[label as keyof IdePageConfig['workers']] ?? config.workers.editor, document.baseURI);
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => new Worker(workerUrl(label), { name: label }),
};

// The endpoint is the page's own URL: the IDE is served at the GraphQL path itself.
const fetcher = createGraphiQLFetcher({ url: new URL(location.pathname, location.origin).href });

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, {
    fetcher,
    plugins: [HISTORY_PLUGIN, explorerPlugin()],
    initialHeaders: config.headers,
    defaultHeaders: config.headers,
    ...(config.headers ? { defaultEditorToolsVisibility: 'headers' as const } : {}),
  }),
);
