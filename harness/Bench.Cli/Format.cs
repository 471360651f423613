namespace Bench.Cli;

internal static class Format
{
    public static string Bytes(long? bytes) => bytes switch
    {
        null => "n/a",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB",
    };
}
