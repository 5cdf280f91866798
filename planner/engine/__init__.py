"""The critical-path engine: the plan as arrays, forward and backward passes, dates."""
