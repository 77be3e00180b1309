import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { loadRuntimeConfig } from './config/runtime-config.ts';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadRuntimeConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: Error) =>
    root.render(
      <main id="main">
        <h1>The storefront could not start</h1>
        <p role="alert">{error.message}</p>
      </main>,
    ),
);
