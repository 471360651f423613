// The end-to-end run starts targets and PostgreSQL on a 2-core machine: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
