#!/usr/bin/env node
// The sources are TypeScript. Node 22.18+ strips the types itself; older Node (20) needs tsx's
// loader, which only a development install has: say so rather than fail on a `.ts` import.
if (!process.features.typescript) {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    console.error(`tributary-gateway: Node ${process.versions.node} cannot run TypeScript; install tsx (npm install tsx) or use Node 22.18 or newer.`);
    process.exit(1);
  }
}
await import('../src/main.ts');
