// `npx tsx bench/subgraph-http/main.ts [answer bytes] [requests] [concurrency] [rounds]`: which
// HTTP client costs the gateway least CPU per subgraph request. A micro-benchmark, not a test.
import { fork } from 'node:child_process';
import { candidates, type Candidate } from './clients.ts';

const [bytes = 4096, requests = 5_000, concurrency = 16, ROUNDS = 5] = process.argv.slice(2).map(Number);

const server = fork(new URL('./answer-server.ts', import.meta.url).pathname, [String(bytes)], { execArgv: ['--import', 'tsx'] });
const { port, bytes: answerBytes } = await new Promise<{ port: number; bytes: number }>((resolve) => server.once('message', resolve));
const origin = `http://127.0.0.1:${port}`;
const body = JSON.stringify({ query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{name price}}}', variables: { representations: [{ __typename: 'Product', upc: '1' }] } });
const headers = { 'content-type': 'application/json', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };

/** `count` requests, `concurrency` at a time; this process's CPU time and the wall time. */
async function drive(candidate: Candidate, count: number): Promise<{ cpuMs: number; wallMs: number }> {
  let sent = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (sent < count) {
      sent += 1;
      const text = await candidate.post(body, headers);
      if (text.length !== answerBytes) throw new Error(`${candidate.name}: ${text.length} bytes, not ${answerBytes}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - started };
}

const clients = candidates.map((make) => make(origin));
const results = new Map<string, { cpuMs: number; wallMs: number }[]>(clients.map((c) => [c.name, []]));
for (const client of clients) await drive(client, 2_000);
for (let round = 0; round < ROUNDS; round += 1) {
  // Alternating order, so no candidate always runs on a warmer or a busier machine.
  const order = round % 2 === 0 ? clients : [...clients].reverse();
  for (const client of order) results.get(client.name)!.push(await drive(client, requests));
}
console.log(`${requests} requests × ${ROUNDS} rounds, ${concurrency} at a time, ${answerBytes}-byte answers (median of rounds)`);
console.log('client                   CPU-µs/request   requests/s');
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [name, runs] of results) {
  const cpu = median(runs.map((r) => (r.cpuMs * 1000) / requests));
  const rps = median(runs.map((r) => requests / (r.wallMs / 1000)));
  console.log(`${name.padEnd(24)} ${cpu.toFixed(1).padStart(14)} ${rps.toFixed(0).padStart(12)}`);
}
await Promise.all(clients.map((c) => c.close()));
server.send('stop');
