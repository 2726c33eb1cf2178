# One image for every Dialwave process; the compose `command` picks the entrypoint.
# The services run their TypeScript through tsx (no separate build step), as `pnpm start` does.

FROM node:20-slim AS base
# openssl: Prisma's schema engine (migrations) links against it.
RUN apt-get update -qq \
  && apt-get install -y -qq --no-install-recommends openssl ca-certificates \
  && rm -rf /var/lib/apt/lists/*
RUN npm i -g pnpm@12
ENV PNPM_HOME=/pnpm \
    NODE_ENV=production
WORKDIR /app

# Dependencies first, keyed on the lockfile only, so a source change does not refetch them.
FROM base AS deps
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm fetch --frozen-lockfile

FROM deps AS build
COPY . .
# Dev dependencies stay: tsx runs the services and the Prisma CLI runs migrations.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile --offline --prod=false
RUN pnpm db:generate

FROM base AS runtime
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000 4001 4002 4003 4010
# Overridden per service in docker-compose.yml.
CMD ["node", "--import", "tsx", "services/campaign-api/src/main.ts"]
