"""The read side's words and drawings: everything a page shows. Writes are never done here: the admin's
screens hand them to loaders/ (staging).

- the app's frame: shell (navigation, sidebar), filters, i18n (both catalogues), print_style, st_internals,
  warm_start (a new server's first page, prepared at start-up),
  narrow (a chart on wide screens, its list form on a phone);
- words and numbers: format, format_zh, safe_text, claims (decide, then say), edition (status), load_errors,
  chart_summary (the sentence under every chart);
- figures and tables: charts, grouped (bars by category and edition), matrix, coverage, kpis, tables,
  disagreements, followthrough, register, drill, explorer_link;
- files handed to the user: export (CSV, XLSX, JSON), brief and brief_page (the PDF);
- the admin's screens: admin (login, guard), intake_review (the Add data review), load_history.

The deciding lives in queries/ (read_model, series, chart_facts); the writing in loaders/.
"""
