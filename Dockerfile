# syntax=docker/dockerfile:1
# One image for Connect's web app and worker (docker-compose.yml picks the command).
#   build:  docker compose build   (or: docker build -t connect:local .)
#
# Stage 1 installs the workspace from the lockfile and builds the web app as a
# Next.js standalone server and the worker as a self-contained folder; stage 2
# keeps only those two folders on a slim Node LTS image, running as a non-root user.

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
ENV PNPM_HOME=/pnpm \
    PATH=/pnpm:$PATH \
    CI=1 \
    NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@12.21.0 && npm cache clean --force
WORKDIR /src

# Dependencies first, from the lockfile alone, so a source change reuses this layer.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN --mount=type=cache,id=connect-pnpm,target=/pnpm/store \
    pnpm config set store-dir /pnpm/store && pnpm fetch

COPY . .
RUN --mount=type=cache,id=connect-pnpm,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline

# The web app: a standalone server with only the files it uses (next.config.ts).
RUN NEXT_OUTPUT=standalone pnpm --filter @connect/web build \
 && mkdir -p apps/web/public \
 && cp -r apps/web/.next/static apps/web/.next/standalone/apps/web/.next/static \
 && cp -r apps/web/public apps/web/.next/standalone/apps/web/public

# The worker: its production dependencies and our packages (TypeScript, run by tsx),
# including the store's migrations, plus the container healthcheck.
RUN --mount=type=cache,id=connect-pnpm,target=/pnpm/store \
    pnpm --filter @connect/worker deploy --prod --offline /out/worker \
 && cp ops/docker/worker-healthcheck.ts /out/worker/healthcheck.ts

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Code stays owned by root (the app cannot change itself); only Next's cache is writable.
COPY --from=build /src/apps/web/.next/standalone /app/web
COPY --from=build /out/worker /app/worker
RUN mkdir -p /app/web/apps/web/.next/cache && chown node:node /app/web/apps/web/.next/cache
USER node
WORKDIR /app/web
EXPOSE 3000
CMD ["node", "--max-old-space-size=384", "apps/web/server.js"]
