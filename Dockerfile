# syntax=docker/dockerfile:1
# The Easel API image. Stage 1 installs everything and builds; stage 2 keeps the production
# dependencies, the build output and what `npm run db:migrate` needs (it runs the TypeScript
# sources of scripts/db.ts with tsx and the Prisma CLI with prisma.config.ts).

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
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 PORT=3000 LOG_DIR=/app/logs
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
# Migrations first (Prisma's `migrate deploy` against DATABASE_URL), then the server replaces the
# shell so it receives SIGTERM itself and shuts down gracefully.
CMD ["sh", "-c", "npm run db:migrate && exec node dist/server/src/main.js"]
