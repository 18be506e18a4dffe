"""HTTP: the public API, operations endpoints, the widget and the dashboard."""
