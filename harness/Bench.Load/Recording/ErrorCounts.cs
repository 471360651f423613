namespace Bench.Load.Recording;

/// <summary>One worker's error counters by class; merged by the engine after the run.</summary>
internal sealed class ErrorCounts
{
    public long ConnectRefused, Reset, Timeout, BodyMismatch, Other;
    /// <summary>Count of unsuccessful responses by status code (index = code, 100..999).</summary>
    public readonly long[] Status = new long[1000];

    public long Total
    {
        get
        {
            var total = ConnectRefused + Reset + Timeout + BodyMismatch + Other;
            foreach (var s in Status) total += s;
            return total;
        }
    }

    public void Add(ErrorCounts other)
    {
        ConnectRefused += other.ConnectRefused;
        Reset += other.Reset;
        Timeout += other.Timeout;
        BodyMismatch += other.BodyMismatch;
        Other += other.Other;
        for (var i = 0; i < Status.Length; i++) Status[i] += other.Status[i];
    }
}
