"""Our own files: plan.yaml, status/*.yaml and baseline.yaml, read with positions and
written keeping their layout and comments."""
