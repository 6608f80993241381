# cce-operator image: compiled TypeScript on Node 24 LTS, production dependencies only, non-root.
# `make docker-build` builds it as cce-operator:<package.json version> with the OCI labels filled in; docs/image.md
# says how to build and push it. test/integration/image runs this file's install, build and command line on the host.
# Node 24 as `make` uses it (hack/node.sh pins 24.22.3); pin this tag or its digest when releasing.
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. compile (dev dependencies: TypeScript)
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY operator ./operator
COPY sim ./sim
RUN npx tsc -p tsconfig.build.json

# 2. production dependencies only, installed from the lock file
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

# 3. runtime: node, the compiled output, production node_modules; no npm cache, no sources, no shell tools added
FROM ${NODE_IMAGE}
ARG VERSION=0.0.0-dev
ARG REVISION=unknown
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="cce-operator" \
      org.opencontainers.image.description="Kubernetes operator that makes Huawei Cloud CCE clusters, node pools and add-ons declarative" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.base.name="${NODE_IMAGE}"
WORKDIR /app
# MALLOC_ARENA_MAX=2: glibc otherwise keeps a malloc arena per thread (libuv's pool, V8's GC helpers) and returns
# little of it; at 2,500 objects this is most of the gap between the live heap and RSS (docs/image.md, Memory).
ENV NODE_ENV=production MALLOC_ARENA_MAX=2
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
# numeric non-root user (runAsNonRoot can verify it); the root filesystem can be read-only: nothing is written
USER 65532:65532
EXPOSE 8080
# exec form: node is PID 1 and gets SIGTERM itself; the operator handles SIGTERM/SIGINT (finishes in-flight
# reconciles within --shutdown-timeout, releases the Lease, exits 0). No child processes, so no zombie reaping needed.
# --max-semi-space-size=4 (MiB): V8 otherwise grows the young generation to 128 MiB committed under 16 busy workers
# while the live heap is ~35 MiB; 4 MiB costs no measurable CPU (docs/image.md, Memory). `make bench` starts the
# operator with these flags and this ENV, read from here.
ENTRYPOINT ["node", "--enable-source-maps", "--max-semi-space-size=4", "dist/operator/main.js"]
CMD ["run"]
