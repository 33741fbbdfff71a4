# syntax=docker/dockerfile:1
# Build stage: carries the toolchain better-sqlite3 needs to compile its native module.
FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime stage: production dependencies and sources only (tsx runs the TypeScript directly), as a non-root user.
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    BRIEFWIRE_HTTP_HOST=0.0.0.0 \
    BRIEFWIRE_HTTP_PORT=3000 \
    BRIEFWIRE_DB=/data/briefwire.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY src ./src
COPY commands ./commands
COPY config ./config
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.BRIEFWIRE_HTTP_PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["node", "bin/briefwire.js"]
CMD ["start"]
