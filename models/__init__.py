"""Domain layer: SQLModel tables, enums and pure goal/trend/statistics functions (no I/O)."""
