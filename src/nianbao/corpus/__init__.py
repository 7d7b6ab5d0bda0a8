"""The corpus: many reports in one DuckDB database (schema, ingest, stats, export, distributed engines).

    >>> from nianbao import corpus
    >>> corpus.ingest([Path("crawl/")], Path("corpus.duckdb"))
    >>> con = corpus.connect("corpus.duckdb", read_only=True)      # a DuckDB connection
    >>> con.sql("SELECT year, count(*) FROM reports GROUP BY year").show()

See docs/corpus.md for the tables, the views and the indicator definitions.
"""

from __future__ import annotations

from .connection import connect, parser_version
from .ingest import IngestOptions, IngestSummary, ingest
from .rows import load_reports

__all__ = ["IngestOptions", "IngestSummary", "connect", "ingest", "load_reports", "parser_version"]
