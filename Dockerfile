# cce-operator image: compiled TypeScript on Node 24 LTS, production dependencies only, non-root.
# Node 24 as `make` uses it (hack/node.sh pins 24.22.3); pin this tag or its digest when releasing.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY operator ./operator
COPY sim ./sim
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["node", "dist/operator/main.js"]
