"""Article versions: fetching reported (and feed) articles on a schedule, extracting
their parts, storing each version that changed, diffing versions, and detecting when a
reported mistake is fixed.  See docs/versions.md."""
