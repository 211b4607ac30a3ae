# The image of a Rapport service (profiles, booking or billing): one file, the service a build arg.
# Build from the repository root, e.g.:
#   docker build -f deploy/service.Dockerfile --build-arg SERVICE=billing -t rapport/billing:local .
# Here beside deploy/gateway/Dockerfile rather than at the root: a bare `docker build .` has no
# SERVICE to build, so no Dockerfile sits where it would be picked up by default.
# One image, three roles (docker-compose.yml, deploy/k8s/):
#   web (default CMD)   gunicorn of "<svc>:create_app()" on :8000
#   worker              rapport-<svc> worker
#   one-shots           rapport-<svc> migrate | declare-queues | seed-demo (profiles also: keys)
FROM python:3.11-slim

# XDG_RUNTIME_DIR: gunicorn puts its control socket (for `gunicornc`) there rather than in
# $HOME, which is read-only under Kubernetes (deploy/k8s mounts an emptyDir on /tmp).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RAPPORT_VAR_DIR=/var/lib/rapport \
    XDG_RUNTIME_DIR=/tmp

# The same uid in every Rapport image, so files in the shared `keys` volume (the private key
# is mode 0600) are readable by every service. keys/ is created here, owned by that user: an
# empty named volume mounted on it takes that owner, so `rapport-profiles keys` can write to it.
RUN groupadd --system --gid 10001 rapport \
 && useradd --system --uid 10001 --gid rapport --home-dir /var/lib/rapport --shell /usr/sbin/nologin rapport \
 && install -d -o rapport -g rapport -m 0750 /var/lib/rapport /var/lib/rapport/keys

WORKDIR /app
COPY constraints.txt ./
COPY shared/ shared/

# The layers above are the same for every service; ARG only here, so they stay shared in the cache.
ARG SERVICE
# The CMD below is a shell that reads the service's name from this variable, fixed at build time.
ENV RAPPORT_SERVICE=${SERVICE}
COPY services/${SERVICE}/ services/${SERVICE}/
# A regular (not editable) install: the code, its migrations and its data files are package
# resources in site-packages (pyproject.toml's package-data); nothing reads this source tree.
RUN : "${SERVICE:?build with --build-arg SERVICE=profiles, booking or billing}" \
 && pip install -c constraints.txt ./shared "./services/${SERVICE}"

USER 10001:10001
EXPOSE 8000
# `exec`, so gunicorn replaces the shell and receives the container's signals itself.
CMD ["sh", "-c", "exec gunicorn --config python:rapport_shared.gunicorn_config --bind 0.0.0.0:8000 \"${RAPPORT_SERVICE}:create_app()\""]
