# A Node.js app: installs the packages listed in package.json, then starts it like `npm start` does
# (no "start" script? then it runs `node server.js`). Listen on the port in process.env.PORT (8080).
FROM jugendlab/node:latest
# The npm registry to download packages from (the platform passes it in).
ARG NPM_CONFIG_REGISTRY
# First only the package lists, so the engine keeps the installed packages as long as these files stay the same:
# a change to your code alone then goes live in about a second, without downloading anything again.
# (.jugendlab/Dockerfile is this file; it is always there, so the copy works even without a package.json.)
COPY .jugendlab/Dockerfile package.json* package-lock.json* npm-shrinkwrap.json* /app/
# Install the packages: exactly the versions in package-lock.json if you have one, else from package.json.
# Packages under "devDependencies" are left out. The download cache is removed to keep the image small.
RUN rm /app/Dockerfile \
 && if [ -f package-lock.json ] || [ -f npm-shrinkwrap.json ]; then npm ci --omit=dev --no-audit --no-fund; \
    elif [ -f package.json ]; then npm install --omit=dev --no-audit --no-fund; fi \
 && rm -rf /tmp/.npm \
 && node /usr/local/lib/jugendlab/start-plan.js
# Run as the unprivileged user app (uid 10001), never as root. It starts what your "start" script in package.json
# says, directly, without npm in between (that saves 2-3 seconds); a start script with more than one command, or
# with prestart/poststart scripts, starts with `npm start`.
USER 10001:10001
# Last, the rest of your project's files: only this step runs again when you change your code. A node_modules folder
# in your repository would replace the installed packages: leave it out of git (put node_modules in .gitignore).
COPY . /app
