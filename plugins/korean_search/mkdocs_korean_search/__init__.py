"""MkDocs plugin `korean-search`: Korean word segmentation for Material's search index."""
