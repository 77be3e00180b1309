import protobuf from 'protobufjs';

// The messages of OTLP's trace export (opentelemetry-proto: collector/trace/v1, trace/v1,
// resource/v1, common/v1) that the viewer reads, with the specification's field numbers; fields
// left out (links, dropped counts, schema URLs) are skipped on decode. Status is google.rpc's.
const schema = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }
message InstrumentationScope { string name = 1; string version = 2; }

message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  repeated Event events = 11;
  Status status = 15;
  message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
}
message Status { string message = 2; int32 code = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message RpcStatus { int32 code = 1; string message = 2; }
`;

const root = protobuf.parse(schema, { keepCase: false }).root;
const request = root.lookupType('otlp.ExportTraceServiceRequest');
const response = root.lookupType('otlp.ExportTraceServiceResponse');
const rpcStatus = root.lookupType('otlp.RpcStatus');

const idFields = new Set(['traceId', 'spanId', 'parentSpanId']);

/**
 * An ExportTraceServiceRequest in protobuf, as the object its OTLP/JSON form parses to: ids as
 * hex, 64-bit integers as decimal strings, other bytes as base64, enums as numbers. Throws on
 * bytes that are not such a message.
 */
export function decodeTraceRequest(body: Uint8Array): unknown {
  const message = request.decode(body);
  const object = request.toObject(message, { longs: String, enums: Number, bytes: String });
  return JSON.parse(JSON.stringify(object), (key, value) =>
    idFields.has(key) && typeof value === 'string' ? Buffer.from(value, 'base64').toString('hex') : value,
  );
}

/** The answer to an export: empty when every span was taken, else how many were not and why. */
export function encodeTraceResponse(rejectedSpans: number, errorMessage: string): Uint8Array {
  const partialSuccess = rejectedSpans > 0 ? { partialSuccess: { rejectedSpans, errorMessage } } : {};
  return response.encode(response.fromObject(partialSuccess)).finish();
}

/** The body of a refused export (HTTP 4xx), a google.rpc.Status. */
export function encodeRpcStatus(code: number, message: string): Uint8Array {
  return rpcStatus.encode(rpcStatus.fromObject({ code, message })).finish();
}
