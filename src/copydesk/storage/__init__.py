"""Storage: schema, migrations, engines and the single writer."""
