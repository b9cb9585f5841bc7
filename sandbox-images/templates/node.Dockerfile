# A Node.js app: installs the packages listed in package.json, then starts it with `npm start`
# (no "start" script? then it runs `node server.js`). Listen on the port in process.env.PORT (8080).
FROM jugendlab/node:latest
# The npm registry to download packages from (the platform passes it in).
ARG NPM_CONFIG_REGISTRY
# Copy your project's files into the image.
COPY . /app
# Install the packages: exactly the versions in package-lock.json if you have one, else from package.json.
# Packages under "devDependencies" are left out. The download cache is removed to keep the image small.
RUN if [ -f package-lock.json ]; then npm ci --omit=dev --no-audit --no-fund; \
    elif [ -f package.json ]; then npm install --omit=dev --no-audit --no-fund; fi \
 && rm -rf /tmp/.npm
# Run as the unprivileged user app (uid 10001), never as root.
USER 10001:10001
