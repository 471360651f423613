namespace Bench.Core;

/// <summary>
/// A fault a run cannot go past: its database died and cannot be started again, the Docker engine stopped
/// answering, the disk holding the results is full. Unlike <see cref="BenchException"/> (bad input, exit 2) the
/// input was fine: the CLI prints the message as one line, keeps every trial already written, and exits 1.
/// The message says what happened and where the finished trials are.
/// </summary>
public sealed class RunAbortedException(string message, Exception? inner = null) : Exception(message, inner);
