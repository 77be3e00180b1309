// Imported by xray-tracer.ts before aws-xray-sdk-core, which reads this once, as it loads. Without
// it the SDK starts in automatic mode: a cls-hooked namespace whose async hook, having a destroy
// callback, tracks every promise of the process. Our spans travel in the request scope
// (AsyncLocalStorage), never through cls; that hook cost about 30 % of the gateway's CPU per
// request on `npm run bench:gateway`'s identical workload (0.69 against 1.0 CPU-ms).
process.env.AWS_XRAY_MANUAL_MODE ??= '1';
