"""Support: text made safe to show, atomic file writes, and the garbage-collector pause.

Nothing here knows what a plan is; every other part of the package may use it.
"""
