namespace Bench.Load.Tests;

/// <summary>
/// Tests whose assertions involve time (a stall of 500 ms, a rate over one second) run alone, after the
/// parallel ones: on a 2-core machine, a closed-model test running flat out beside them would starve
/// their test server and turn a behaviour check into a timing lottery.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "serial (timing-sensitive)";
}
