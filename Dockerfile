# syntax=docker/dockerfile:1
# One image per Tributary service, chosen at build time:
#   docker build --build-arg SERVICE=subgraphs/accounts --build-arg PORT=4001 -t tributary/accounts .
# Node 22 runs the TypeScript sources directly (type stripping, on by default since 22.18):
# no build step, and no dev dependencies in the image.
ARG NODE_IMAGE=node:22-bookworm-slim

# Every workspace manifest and the lockfile, and nothing else, so the dependency layer
# below is rebuilt only when they change, not on every source edit.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests/ \; \
 && cp package-lock.json /manifests/

FROM ${NODE_IMAGE} AS deps
ARG SERVICE
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
      --include-workspace-root --workspace service-kit --workspace seed --workspace "${SERVICE:?set --build-arg SERVICE}"

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG PORT=4000
ENV NODE_ENV=production \
    PORT=${PORT} \
    SERVICE_DIR=${SERVICE}
WORKDIR /app
# Code and dependencies stay owned by root: the service runs as `node` and cannot change them.
COPY --from=deps /app ./
COPY service-kit ./service-kit
COPY seed ./seed
COPY schema ./schema
COPY ${SERVICE} ./${SERVICE}
# The SPA's trusted documents (`npm run build` writes them): the gateway's PERSISTED_OPERATIONS_PATH.
COPY web/dist/persisted-query-manifest.json ./web/dist/persisted-query-manifest.json
USER node
EXPOSE ${PORT}
# Liveness: slim images have no curl, node's fetch does the same.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The service drains on SIGTERM; `exec` makes node the process that receives it.
STOPSIGNAL SIGTERM
CMD ["sh", "-c", "exec node \"$SERVICE_DIR/src/main.ts\""]
