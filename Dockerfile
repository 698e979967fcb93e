# dealrisk: one image for every role (worker, scheduler, dashboard, local org); the command picks the role.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# The workspace packages' manifests first, so `npm ci` is cached until a dependency changes.
COPY package.json package-lock.json ./
COPY packages/salesforce-wire/package.json ./packages/salesforce-wire/
COPY packages/local-org/package.json ./packages/local-org/
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.base.json tsconfig.json tsconfig.build.json ./
COPY packages ./packages
COPY src ./src
COPY workers ./workers
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/salesforce-wire/package.json ./packages/salesforce-wire/
COPY packages/local-org/package.json ./packages/local-org/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/packages/salesforce-wire/dist ./packages/salesforce-wire/dist
COPY --from=build /app/packages/local-org/dist ./packages/local-org/dist
COPY packages/local-org/metadata ./packages/local-org/metadata
COPY bin ./bin
COPY config ./config
USER node
ENTRYPOINT ["node", "bin/dealrisk.js"]
CMD ["worker"]
