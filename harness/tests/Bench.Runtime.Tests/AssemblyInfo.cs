// These tests start PostgreSQL clusters and process trees; one at a time keeps a 2-core machine sane.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
