# A Python app with Flask: runs `python3 app.py`. Listen on 0.0.0.0 and the port in os.environ["PORT"] (8080).
FROM jugendlab/python:latest
# Copy your project's files into the image.
COPY . /app
# Run as the unprivileged user app (uid 10001), never as root.
USER 10001:10001
