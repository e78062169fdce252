"""Report renderers: HTML and overview (CSV, XLSX) views of report.json."""
