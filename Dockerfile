# Web and worker image. Build: docker build -t eubelong .
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
       fonts-dejavu-core gettext curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 app
WORKDIR /app

COPY pyproject.toml ./
COPY eubelong ./eubelong
COPY regions ./regions
COPY toolkit ./toolkit
COPY handbook ./handbook
RUN pip install .

COPY . .
# collectstatic needs settings that refuse to start without production values; give it build-only ones.
RUN DEBUG=false SECRET_KEY=build-only-secret-key-that-is-never-used-at-runtime-0123456789 \
    ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput --verbosity 0 \
    && python manage.py compilemessages --verbosity 0 \
    && mkdir -p /app/var/media && chown -R app:app /app/var

USER app
EXPOSE 8000
CMD ["gunicorn", "-c", "python:eubelong.gunicorn_conf", "eubelong.asgi:application"]
