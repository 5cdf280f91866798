"""Renderers: results of the core as terminal tables, Markdown, CSV, JSON and HTML.

Nothing here computes a schedule; each module turns one kind of result into text.
"""
