# syntax=docker/dockerfile:1
# One image per Tributary service, chosen at build time:
#   docker build --build-arg SERVICE=subgraphs/accounts --build-arg PORT=4001 -t tributary/accounts .
# Each image holds only its service's production dependencies. The gateway and the service kit
# run their JavaScript build; a subgraph's own TypeScript sources run on Node 22 (type stripping).
ARG NODE_IMAGE=node:22-bookworm-slim

# Every workspace manifest and the lockfile, and nothing else, so the dependency layers below
# are rebuilt only when they change, not on every source edit.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests/ \; \
 && cp package-lock.json .npmrc /manifests/

# Builds the kit and the service (where it has a build): the only stage with dev dependencies.
FROM ${NODE_IMAGE} AS build
ARG SERVICE
WORKDIR /src
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund --include-workspace-root=false \
      --workspace service-kit --workspace "${SERVICE:?set --build-arg SERVICE}"
COPY tsconfig.json ./
COPY service-kit ./service-kit
COPY ${SERVICE} ./${SERVICE}
# A workspace with a build ships its build and not its sources.
RUN npm run build --if-present --workspace service-kit --workspace "${SERVICE}" \
 && for dir in service-kit "${SERVICE}"; do if [ -d "$dir/dist" ]; then rm -rf "$dir/src" "$dir/tsconfig.build.json"; fi; done

# The service's own dependencies and its workspaces' (the kit's, the seed's), production only,
# at the versions the lockfile pins; nothing of the other workspaces or of the repository root.
FROM ${NODE_IMAGE} AS deps
ARG SERVICE
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund --include-workspace-root=false --workspace "${SERVICE:?set --build-arg SERVICE}"

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG PORT=4000
ENV NODE_ENV=production \
    PORT=${PORT} \
    SERVICE_DIR=${SERVICE}
WORKDIR /app
# Code and dependencies stay owned by root: the service runs as `node` and cannot change them.
COPY --from=deps /app ./
COPY --from=build /src/service-kit ./service-kit
COPY seed ./seed
COPY schema ./schema
COPY --from=build /src/${SERVICE} ./${SERVICE}
# The SPA's trusted documents (`npm run build` writes them): the gateway's PERSISTED_OPERATIONS_PATH.
COPY web/dist/persisted-query-manifest.json ./web/dist/persisted-query-manifest.json
USER node
EXPOSE ${PORT}
# Liveness: slim images have no curl, node's fetch does the same.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The service drains on SIGTERM; `exec` makes node the process that receives it. A built service
# (the gateway) runs its build, a subgraph its sources. The V8 flags are nodeMemoryFlags
# (service-kit/src/lifecycle/node-flags.ts): a young generation of fixed size.
STOPSIGNAL SIGTERM
CMD ["sh", "-c", "flags='--min-semi-space-size=16 --max-semi-space-size=16'; if [ -d \"$SERVICE_DIR/dist\" ]; then exec node $flags \"$SERVICE_DIR/dist/main.js\"; else exec node $flags \"$SERVICE_DIR/src/main.ts\"; fi"]
