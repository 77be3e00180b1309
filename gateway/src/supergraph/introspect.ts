/** How long a subgraph may take to answer `_service { sdl }`. */
const INTROSPECTION_TIMEOUT_MS = 10_000;

/** A subgraph's own SDL, fetched the federated way: `{ _service { sdl } }`. */
export async function fetchSubgraphSdl(url: string, headers: Record<string, string>): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(INTROSPECTION_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new Error(`cannot reach ${url}: ${reason}`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status} to { _service { sdl } }`);
  let body: { data?: { _service?: { sdl?: unknown } }; errors?: { message: string }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${url} did not answer JSON to { _service { sdl } }`);
  }
  const sdl = body.data?._service?.sdl;
  if (typeof sdl !== 'string') {
    const reason = body.errors?.map((e) => e.message).join('; ') ?? 'no _service.sdl in the answer';
    throw new Error(`${url} is not a federated subgraph: ${reason}`);
  }
  return sdl;
}
