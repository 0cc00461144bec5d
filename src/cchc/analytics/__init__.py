"""Dossier (hồ sơ một cửa) analytics over ledgers, on DuckDB."""
