// The contract between the differential suite and the gateway engines it compares.

/** One client request, as a gateway receives it over HTTP (POST, JSON body). */
export interface DifferentialRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  headers?: Record<string, string>;
}

/** What the client got back: the HTTP status and the exact bytes of the JSON body, as text. */
export interface DifferentialResponse {
  status: number;
  body: string;
}

export interface RunningEngine {
  execute(request: DifferentialRequest): Promise<DifferentialResponse>;
  stop(): Promise<void>;
}

/**
 * A gateway engine under comparison: Apollo Server over an ApolloGateway for `supergraphSdl`
 * (routing URLs already point at the running fixture subgraphs).
 */
export interface Engine {
  name: string;
  start(supergraphSdl: string): Promise<RunningEngine>;
}
