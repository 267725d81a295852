# The image docker-compose.yml runs as the api, worker and migrate services.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# npm install generates the Prisma client (postinstall), which needs the schema and the script first.
# (npm install rather than npm ci: see .ci/run for why the lock file lacks some platforms' packages.)
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm install --include=dev --no-audit --no-fund && npm cache clean --force
COPY . .
USER node
CMD ["npm", "run", "start:api"]
