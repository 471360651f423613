using ScottPlot;

namespace Bench.Charts;

/// <summary>
/// The one font every chart is drawn with: DejaVu Sans, shipped in Fonts/ beside the assembly. ScottPlot asks the
/// machine for fonts by name, and a server (or a container with SkiaSharp's NoDependencies assets: no fontconfig)
/// has none, so its text would come out blank; a font of our own also makes PNGs the same on every machine.
/// </summary>
public static class ChartFont
{
    public const string Name = "DejaVu Sans";
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (_registered) return;
            var folder = Path.Combine(AppContext.BaseDirectory, "Fonts");
            Fonts.AddFontFile(Name, Path.Combine(folder, "DejaVuSans.ttf"), bold: false, italic: false);
            Fonts.AddFontFile(Name, Path.Combine(folder, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
            // italic is never asked for; were it, the regular face is better than none
            Fonts.AddFontFile(Name, Path.Combine(folder, "DejaVuSans.ttf"), bold: false, italic: true);
            Fonts.Default = Name;
            Fonts.Sans = Name;
            _registered = true;
        }
    }
}
