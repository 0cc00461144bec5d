"""Importers: report documents (TXT, DOCX, XLSX) into canonical report data."""
