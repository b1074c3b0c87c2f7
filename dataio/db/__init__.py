"""The database: engine and transactions, alembic migrations, shared read helpers, the audit trail."""
