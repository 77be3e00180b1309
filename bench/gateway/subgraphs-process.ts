// The memoized benchmark subgraphs as a process of their own (the harness pins it to a core):
// it reports its URLs, and the requests counted on each subgraph when asked.
import { serveMemoizedSubgraphs } from './memoized-subgraphs.ts';

const subgraphs = await serveMemoizedSubgraphs();
process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send!({ type: 'count', requests: subgraphs.requests() });
  if (message.type === 'stop') void subgraphs.stop().then(() => process.exit(0));
});
process.send!({ type: 'ready', urls: subgraphs.urls });
