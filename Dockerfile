# syntax=docker/dockerfile:1
# Dialwave's images, one target per component:
#   docker build --target <component> -t dialwave/<component> .
#   components: campaign-api webhook-ingest realtime-gateway dialer-worker carrier-sim console migrate
# (`docker compose build` builds them all; the build stage runs once.) Each image holds its compiled
# JavaScript (dist/) and production dependencies only, laid out by `pnpm build` + `pnpm build:deploy`, the
# same two commands a machine without Docker runs (README, "Running in containers"). No TypeScript, tsx,
# compiler or pnpm at run time; every process runs as the unprivileged `node` user on read-only code.

ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
# openssl: Prisma picks the schema-engine build for the platform's OpenSSL (fetched below for the migrate image).
RUN apt-get update -qq \
  && apt-get install -y -qq --no-install-recommends openssl ca-certificates \
  && rm -rf /var/lib/apt/lists/*
RUN npm i -g pnpm@12
ENV PNPM_HOME=/pnpm \
    CI=1
WORKDIR /src
# Dependencies first, keyed on the lockfile only, so a source change does not refetch them.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --frozen-lockfile
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile --offline
# Compiles every component (Prisma client generated first), then gives each its own folder in /prod.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm build && pnpm build:deploy --out /prod
# pnpm runs no install scripts here (pnpm-workspace.yaml allowBuilds), so Prisma's schema engine, which its
# postinstall would download, is fetched now by a command that needs it and no database (a schema diff): the
# migrate image must never download at run time (a Kubernetes Job has a read-only root filesystem), and a
# failed download fails the build here rather than the first migration.
RUN cd /prod/migrate \
  && node node_modules/prisma/build/index.js migrate diff --from-empty --to-schema dist/prisma/schema.prisma --script --config dist/prisma.config.js > /dev/null

# What every image shares: Node, production mode, source-mapped stack traces (they point at the TypeScript
# files; the maps carry positions, not sources), the non-root user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
USER node

FROM runtime AS campaign-api
COPY --from=build /prod/campaign-api /app
EXPOSE 4000
# Also `node dist/cli/user-create.js --email … --name …` (README, Security: accounts and sessions).
CMD ["node", "dist/main.js"]

FROM runtime AS webhook-ingest
COPY --from=build /prod/webhook-ingest /app
EXPOSE 4001
CMD ["node", "dist/main.js"]

FROM runtime AS realtime-gateway
COPY --from=build /prod/realtime-gateway /app
EXPOSE 4002
CMD ["node", "dist/main.js"]

FROM runtime AS dialer-worker
COPY --from=build /prod/dialer-worker /app
EXPOSE 4003
CMD ["node", "dist/main.js"]

# A development tool: compose runs it in the `demo` profile only.
FROM runtime AS carrier-sim
COPY --from=build /prod/carrier-sim /app
EXPOSE 4010
CMD ["node", "dist/main.js"]

# The static build (dist/public) behind its small server: /healthz, /readyz, and `/api` and `/socket.io`
# proxied to API_URL and GATEWAY_URL when set (compose; a Kubernetes ingress routes them itself).
FROM runtime AS console
COPY --from=build /prod/console /app
EXPOSE 8080
CMD ["node", "dist/main.js"]

# One-shot: `prisma migrate deploy` (dist/main.js), and the demo data (dist/seed-demo.js) in compose's demo profile.
FROM ${NODE_IMAGE} AS migrate
RUN apt-get update -qq \
  && apt-get install -y -qq --no-install-recommends openssl ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    CHECKPOINT_DISABLE=1
WORKDIR /app
COPY --from=build /prod/migrate /app
USER node
CMD ["node", "dist/main.js"]
