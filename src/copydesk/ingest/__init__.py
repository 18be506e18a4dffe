"""Report ingest: request parsing and limits, the pipeline of steps, rate limits."""
