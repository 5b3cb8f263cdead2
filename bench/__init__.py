"""`make bench`: how fast the site builds, reloads and loads, and how that grows.

Run with `python -m bench` (see __main__.py). Every figure is printed, none is asserted:
the machine is shared and noisy, so the report quotes medians, spreads and ratios.
"""
