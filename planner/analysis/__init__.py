"""Results at a data date: baseline, forecast, tracking, risk, diff, check and trend.

Pure functions of model objects and schedules; they read no files and format no text.
"""
