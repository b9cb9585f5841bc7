# A website made of plain files, served by nginx in a container of its own.
# The platform no longer builds this for the Static template: it serves a static website's files itself, without any
# container (see docs/for-youth.md). Copy this file as your own Dockerfile if you want nginx anyway (e.g. your own
# nginx settings): nginx serves public/ if your project has that folder, else the whole project. The start page is
# index.html. Your site is on port 8080 (the PORT variable).
FROM jugendlab/static:latest
# Run as the unprivileged user app (uid 10001), never as root.
USER 10001:10001
# Last, your project's files: only this step runs again when you change them.
COPY . /app
