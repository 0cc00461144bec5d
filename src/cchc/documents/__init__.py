"""Document output: DOCX, XLSX and PDF of reports, score sheets and letters."""
