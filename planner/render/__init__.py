"""Renderers: results of the core as terminal tables, Markdown, CSV, JSON, HTML, workbooks and
Word documents.

Nothing here computes a result; `planner.project.Project` hands finished ones over. Each
result kind has a view (``schedule_view``, ``status_view``, ``risk_view``, ``check_view``,
``trend_view``, ``diff_view``, ``gantt_view``, ``report_view``, ``notice_view``) that builds a
`document.Document`; the writers of `writers` turn any document into any format.
"""
