# A website made of plain files: nginx serves public/ if your project has that folder, else the whole project.
# The start page is index.html. Your site is on port 8080 (the PORT variable).
FROM jugendlab/static:latest
# Copy your project's files into the image.
COPY . /app
# Run as the unprivileged user app (uid 10001), never as root.
USER 10001:10001
