# syntax=docker/dockerfile:1
# The Easel API image. Stage 1 installs everything and builds; stage 2 keeps the production
# dependencies (`npm prune --omit=dev`), the build output and the migrations. The server applies
# pending migrations itself at start (MIGRATE_ON_START, under Prisma Migrate's advisory lock, so
# replicas starting together apply each once); `npm run db:migrate` (scripts/db.ts with tsx and the
# Prisma CLI with prisma.config.ts) stays available for `docker compose exec`.

FROM node:24-slim AS build
WORKDIR /app
# No Prisma telemetry or update checks during the build.
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
# `npm ci` runs `prisma generate` (postinstall), which loads prisma.config.ts, which imports the
# migration adapter: copy exactly those first so the install layer is reused while only code changes.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY server/src/db/migration-adapter.ts ./server/src/db/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 PORT=3000 LOG_DIR=/app/logs \
    MIGRATE_ON_START=true
# Root owns the code; the app user can write only its log folder.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/server/src ./server/src
COPY --from=build /app/dist ./dist
RUN mkdir -p /app/logs && chown node:node /app/logs
USER node
EXPOSE 3000
# Ready when the database (and Redis, when configured) answer: the same probe load balancers use.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is the process that receives SIGTERM, and shuts down gracefully.
CMD ["node", "dist/server/src/main.js"]
