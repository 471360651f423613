namespace Bench.Core;

/// <summary>
/// A problem the user can fix (bad argument, unknown target, missing toolchain, port in use).
/// The CLI prints <see cref="Exception.Message"/> as one line and exits with code 2; the message
/// must therefore say what to do, not only what went wrong.
/// </summary>
public sealed class BenchException(string message, Exception? inner = null) : Exception(message, inner);
