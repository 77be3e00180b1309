/**
 * V8 flags every service process starts with (`node <flags> main`), wherever it runs: the stack's
 * child processes and the image's CMD (a test holds the Dockerfile to this list).
 *
 * The young generation is fixed at V8's own 64-bit maximum (two 16 MiB semi-spaces) from the
 * start. Left to itself, V8 starts it small and doubles it once allocation has run for a while:
 * under steady traffic each service's heap stepped up ~17 MiB a few minutes in (heap in use
 * flat), which reads as a leak in the RSS a soak test or an ECS memory alarm watches. Fixed, the
 * footprint is what it will be from the first request, and scavenges are as rare as V8 would
 * make them once grown. These flags are not allowed in NODE_OPTIONS, so they go on the command line.
 */
export const nodeMemoryFlags = ['--min-semi-space-size=16', '--max-semi-space-size=16'] as const;
