namespace Bench.Runtime.Processes;

/// <summary>Keeps the last lines a child printed, so a failure can say why without a log file.</summary>
public sealed class OutputTail(int capacity = 40)
{
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > capacity) _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines);
    }
}
