import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

/** What `npm start` serves the site on: its `/graphql`, `/config.json` and sign-in pages. */
const DEFAULT_STACK_SITE = 'http://127.0.0.1:3000';

export default defineConfig(({ mode }) => {
  // The dev server's only setting; the SPA itself reads its settings from /config.json at run time.
  const target = loadEnv(mode, process.cwd(), 'STOREFRONT_').STOREFRONT_PROXY_TARGET || DEFAULT_STACK_SITE;
  const proxy = Object.fromEntries(['/graphql', '/config.json', '/oauth2', '/logout'].map((path) => [path, { target, changeOrigin: false }]));
  return {
    plugins: [react()],
    build: {
      outDir: 'dist',
      // Hashed file names: CloudFront and browsers may keep them for a year.
      assetsDir: 'assets',
      emptyOutDir: true,
    },
    server: { proxy },
  };
});
