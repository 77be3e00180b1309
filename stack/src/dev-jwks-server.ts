import { createServer } from 'node:http';
import { drain, listen } from '@tributary/service-kit';
import type { JWK } from 'jose';

export interface JwksServer {
  /** The key set's URL, for AUTH_JWKS_URL. */
  url: string;
  /** How many times the key set was fetched. */
  fetches(): number;
  stop(): Promise<void>;
}

/**
 * Serves a JSON Web Key Set at /.well-known/jwks.json on 127.0.0.1, as Cognito does for a user
 * pool. `keys` is asked on every fetch, so a test can rotate keys.
 */
export async function serveJwks(keys: () => { keys: JWK[] }): Promise<JwksServer> {
  let fetches = 0;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    const body = JSON.stringify(keys());
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  const { origin } = await listen(server, 0, '127.0.0.1');
  return {
    url: `${origin}/.well-known/jwks.json`,
    fetches: () => fetches,
    stop: () => drain(server, 0),
  };
}
