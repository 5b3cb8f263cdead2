"""`make bench` (`python -m bench`): how fast the site builds, reloads and loads. See bench/README.md."""
