// These tests start containers and PostgreSQL; one at a time keeps a 2-core machine sane.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
