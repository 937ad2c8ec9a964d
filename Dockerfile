# 扬州应急 as a container: the built site, the API, and nothing else.
#   docker build -t yzready .
#   docker run -d --name yzready -p 4321:4321 -v yzready-data:/data -e SITE_URL=https://yjzs.example.cn yzready
# /data holds the embedded database, the server secret and the backups: keep the volume, and back it up
# with `docker exec yzready node api/cli/db.ts backup` (see README, "Backups").

# Build stage: every dependency, the Astro build, Pagefind, the service worker and the compressed copies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# Run stage: runtime dependencies, the API source (Node 24 runs TypeScript directly), content and the built site.
FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321 DATA_DIR=/data DIST_DIR=/app/dist CONTENT_DIR=/app/content
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/api ./api
COPY --from=build /app/content ./content
COPY --from=build /app/dist ./dist
# The image's files stay root's; the server, as `node` (uid 1000), writes only to /data.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 4321
# SIGTERM lets the server finish in-flight work and close the database (see README, "Stopping").
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "api/server.ts"]
