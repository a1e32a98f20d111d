"""Job side of py3bridge: the migration engine, its fixers, and (later) the RQ jobs."""
