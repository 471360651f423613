// Targets, PostgreSQL and the checks share a 2-core machine: run one test at a time so a check's
// concurrency bound (io-concurrent) measures the target, not a neighbouring test.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
