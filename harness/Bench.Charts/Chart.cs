using ScottPlot;

namespace Bench.Charts;

/// <summary>What a chart shows, so reports can group and caption them.</summary>
public enum ChartKind { Claims, Throughput, LatencySpectrum, LatencyOverTime, Resources, Comparison, History }

/// <summary>
/// One chart of a run: a ScottPlot plot and where it goes. <see cref="Name"/> is the file stem (charts/NAME.png
/// and .svg), unique within a run. <see cref="Scenario"/> is null for run-wide charts (claims, resources).
/// </summary>
public sealed record Chart(string Name, ChartKind Kind, string? Scenario, string Title, Plot Plot, int Width, int Height)
{
    public const string Folder = "charts";

    public string PngFile => $"{Folder}/{Name}.png";
    public string SvgFile => $"{Folder}/{Name}.svg";

    /// <summary>
    /// The SVG text (ScottPlot's SVG backend: Skia's SVG canvas, text kept as text), with its clip-path ids renumbered
    /// from 1 under the chart's name: Skia numbers them (in hex) from a process-wide counter, so the same chart drawn twice
    /// differed, and two charts inlined in one HTML page would share ids (a page resolves an id to its first use).
    /// </summary>
    public string Svg()
    {
        var ids = new Dictionary<string, string>();
        var svg = ClipId.Replace(Plot.GetSvgXml(Width, Height), m =>
        {
            if (!ids.TryGetValue(m.Value, out var id)) ids[m.Value] = id = $"{Name}-clip{ids.Count + 1}";
            return id;
        });
        // a viewBox lets a page scale the chart to its column (without one, CSS resizes the box and crops the drawing)
        var size = $"width=\"{Width}\" height=\"{Height}\"";
        var at = svg.IndexOf(size, StringComparison.Ordinal);
        return at < 0 ? svg : svg.Insert(at + size.Length, $" viewBox=\"0 0 {Width} {Height}\"");
    }

    private static readonly System.Text.RegularExpressions.Regex ClipId = new(@"\bcl_[0-9a-f]+\b", System.Text.RegularExpressions.RegexOptions.Compiled);

    public byte[] Png() => Plot.GetImageBytes(Width, Height, ImageFormat.Png);
}
