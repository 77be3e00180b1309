// Imported by xray-tracer.ts before aws-xray-sdk-core, which reads this once, as it loads. Without
// it the SDK starts in automatic mode: a cls-hooked namespace whose async hook, having a destroy
// callback, tracks every promise of the process. Our spans travel in the request scope
// (AsyncLocalStorage), never through cls. On `npm run bench:gateway`'s identical workload that
// hook's callbacks were the largest item of the gateway's profile (about a tenth of its samples),
// and the gateway spent 1.0 CPU-ms per request with the SDK loaded against 0.69 with tracing off.
process.env.AWS_XRAY_MANUAL_MODE ??= '1';
