// These tests start the CLI, which starts targets and PostgreSQL: one at a time on a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
