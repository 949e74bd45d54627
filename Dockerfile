# One image for the five services; SERVICE picks which one runs.
# syntax=docker/dockerfile:1
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/kernel/package.json libs/kernel/
COPY libs/contracts/package.json libs/contracts/
COPY libs/platform/package.json libs/platform/
COPY services/queue/package.json services/queue/
COPY services/dossier/package.json services/dossier/
COPY services/survey/package.json services/survey/
COPY services/rating/package.json services/rating/
COPY services/notify/package.json services/notify/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs libs
COPY services services
# tsc copies no static files: the office pages (services/*/src/pages/static) and the platform's shared page
# files (libs/platform/src/http/pages, sharedPageFile) go to dist before src is dropped.
RUN npm run build && npm prune --omit=dev --ignore-scripts \
  && for d in services/*/src/pages/static; do cp -r "$d" "${d%/src/pages/static}/dist/pages/"; done \
  && cp -r libs/platform/src/http/pages libs/platform/dist/http/ \
  && find libs services -name src -type d -prune -exec rm -rf {} +

FROM node:24-bookworm-slim AS runtime
ARG SERVICE=rating
ENV NODE_ENV=production SERVICE=${SERVICE} DB_AUTO_CREATE=false
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3001 3002 3003 3004 3005
# kafkajs 2.2.4 sets a negative timer on every broker answer; Node 24 warns once on stderr, outside the JSON logs
# (docs/platform.md, "kafkajs log lines"). Node clamps it to 1 ms as Node 20 did silently: nothing changes.
CMD ["sh", "-c", "exec node --disable-warning=TimeoutNegativeWarning services/${SERVICE}/dist/main.js"]
