# Hookjar as a container: SQLite on the /data volume by default, PostgreSQL with DATABASE_URL.
# Build stage: everything the build needs (better-sqlite3 compiles from source here).
FROM node:24-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Dependencies first, so a source change does not reinstall them; the postinstall step generates the
# Prisma clients from prisma/ with scripts/. lib/ is an npm workspace: `npm ci` links it from its package.json.
COPY package.json package-lock.json ./
COPY lib/package.json ./lib/
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
# Next's build and server.ts compiled to dist/server.js; then /runtime receives only the files the
# server loads (scripts/runtime-files.mjs: 56 MB, where production dependencies alone are ~700 MB).
# tar keeps the workspace's and Next's node_modules symlinks as links.
RUN npm run build \
 && node scripts/runtime-files.mjs >/tmp/runtime-files \
 && mkdir /runtime \
 && tar -cf - -T /tmp/runtime-files | tar -xf - -C /runtime

# Runtime stage: Debian, the node binary and the traced files — no npm, no C headers, no compilers,
# no dev tools, no npm install (so no postinstall, whose Prisma CLI is a dev dependency), no sources
# but what the server reads. The node image's npm and headers would be a third of the image.
FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/node /usr/local/bin/node
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home --shell /bin/sh node
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/hookjar.db \
    NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build /runtime ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=5s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Node itself as PID 1's command, so SIGTERM from `docker stop` reaches the graceful stop.
CMD ["node", "--max-semi-space-size=8", "dist/server.js"]
