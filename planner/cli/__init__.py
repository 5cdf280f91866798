"""The command line: parse, call `Project`, render, print."""
