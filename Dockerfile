# Rendezvous: one image for the web processes and the background worker (docs/deployment.md).
# Stage 1 installs the locked dependencies and the project into a virtual environment; stage 2 carries only that
# environment, the fonts the PDFs need, and an unprivileged user.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/rendezvous
COPY requirements/runtime.lock requirements/runtime.lock
RUN /opt/rendezvous/bin/pip install --require-hashes --no-deps -r requirements/runtime.lock
COPY pyproject.toml README.md LICENSE ./
COPY src ./src
RUN /opt/rendezvous/bin/pip install --no-deps . \
    && RENDEZVOUS_ENV=production SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
       RENDEZVOUS_VAR_DIR=/opt/rendezvous/var /opt/rendezvous/bin/rendezvous collectstatic --noinput \
    && RENDEZVOUS_ENV=production SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
       RENDEZVOUS_VAR_DIR=/opt/rendezvous/var /opt/rendezvous/bin/rendezvous compile_catalogues

FROM python:3.11-slim-bookworm
# Badges, certificates and letters print names in every script: Latin, Cyrillic and Arabic (DejaVu), Chinese,
# Japanese and Korean (Droid Sans Fallback: TrueType, which reportlab embeds; Noto CJK is for LibreOffice's report PDF).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-droid-fallback fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 rendezvous \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/lib/rendezvous --create-home rendezvous
COPY --from=build /opt/rendezvous /opt/rendezvous
ENV PATH=/opt/rendezvous/bin:$PATH \
    RENDEZVOUS_ENV=production \
    RENDEZVOUS_VAR_DIR=/opt/rendezvous/var \
    MEDIA_ROOT=/var/lib/rendezvous/media \
    PYTHONUNBUFFERED=1
USER 10001:10001
WORKDIR /var/lib/rendezvous
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=4).status != 200)"]
# The worker runs the same image with `rendezvous worker` (see compose.yaml).
CMD ["rendezvous-web", "--bind", "0.0.0.0:8000"]
