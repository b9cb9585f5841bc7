# A Python app with Flask: runs `python3 app.py`. Listen on 0.0.0.0 and the port in os.environ["PORT"] (8080).
FROM jugendlab/python:latest
# Copy your project's files into the image.
COPY . /app
# The package index pip downloads from (the platform passes it in when the box has a local mirror).
ARG PIP_INDEX_URL
# Install what requirements.txt lists; Flask is already there, so a file that lists only flask needs no download.
RUN if [ -f requirements.txt ]; then pip install --no-cache-dir --break-system-packages --root-user-action=ignore -r requirements.txt; fi
# Run as the unprivileged user app (uid 10001), never as root.
USER 10001:10001
