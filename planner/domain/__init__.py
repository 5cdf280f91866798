"""What a plan is: frozen model types, the working-day calendar, diagnostics and plan rules.

Readers of every format build these objects; nothing here reads a file or imports a
scheduling, rendering or command-line library.
"""
