# A Python app with Flask: runs `python3 app.py`. Listen on 0.0.0.0 and the port in os.environ["PORT"] (8080).
FROM jugendlab/python:latest
# The package index pip downloads from (the platform passes it in when the box has a local mirror).
ARG PIP_INDEX_URL
# First only requirements.txt, so the engine keeps the installed packages as long as that file stays the same:
# a change to your code alone then goes live in about a second, without downloading anything again.
# (.jugendlab/Dockerfile is this file; it is always there, so the copy works even without a requirements.txt.)
COPY .jugendlab/Dockerfile requirements.txt* /app/
# Install what requirements.txt lists; Flask is already there, so a file that lists only flask needs no download.
RUN rm /app/Dockerfile \
 && if [ -f requirements.txt ]; then pip install --no-cache-dir --break-system-packages --root-user-action=ignore -r requirements.txt; fi
# Run as the unprivileged user app (uid 10001), never as root.
USER 10001:10001
# Last, the rest of your project's files: only this step runs again when you change your code.
COPY . /app
