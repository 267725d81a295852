# The image docker-compose.yml runs as the api, worker and migrate services.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# npm ci generates the Prisma client (postinstall), which needs the schema and the script first.
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --include=dev && npm cache clean --force
COPY . .
USER node
CMD ["npm", "run", "start:api"]
