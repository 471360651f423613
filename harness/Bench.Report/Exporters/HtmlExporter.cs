using System.Net;
using System.Text;
using Bench.Report.Document;

namespace Bench.Report.Exporters;

/// <summary>
/// report.html: one file a wiki can attach and a browser opens offline. Charts are inlined as SVG, the style is in the
/// page, there is no script, and a Content-Security-Policy forbids the page any request (default-src 'none'), so
/// nothing it shows can come from, or leak to, the network.
/// </summary>
public sealed class HtmlExporter : IExporter
{
    public const string FileName = "report.html";
    public const string Policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private const string Style = """
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 2em auto; max-width: 1400px; padding: 0 1em; color: #222; }
        h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; } h3 { margin-top: 1.6em; }
        table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.85em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
        th { background: #f3f3f3; } td.r, th.r { text-align: right; white-space: nowrap; }
        p.strong { background: #fff3cd; border: 1px solid #e0c36b; padding: 0.5em; font-weight: bold; }
        .figures { display: flex; flex-wrap: wrap; gap: 1em; }
        figure { margin: 0; flex: 1 1 560px; max-width: 100%; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: 0.8em; color: #555; }
        """;

    public IReadOnlyList<string> Export(ReportContext report, string folder)
    {
        ReportFiles.Write(Path.Combine(folder, FileName), Render(report));
        return [FileName];
    }

    public static string Render(ReportContext report)
    {
        var doc = report.Document;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy}\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{E(doc.Title)}</title>\n<style>\n{Style}\n</style>\n</head>\n<body>\n")
            .Append($"<h1>{E(doc.Title)}</h1>\n");
        foreach (var block in doc.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    html.Append($"<h{h.Level}>{E(h.Text)}</h{h.Level}>\n");
                    break;
                case Paragraph p:
                    html.Append(p.Strong ? $"<p class=\"strong\">{E(p.Text)}</p>\n" : $"<p>{E(p.Text)}</p>\n");
                    break;
                case BulletList list:
                    html.Append("<ul>\n");
                    foreach (var item in list.Items) html.Append($"<li>{E(item)}</li>\n");
                    html.Append("</ul>\n");
                    break;
                case Table t:
                    html.Append("<table>\n<thead><tr>");
                    foreach (var c in t.Columns) html.Append($"<th{Class(c)}>{E(c.Header)}</th>");
                    html.Append("</tr></thead>\n<tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>");
                        for (var i = 0; i < row.Count; i++) html.Append($"<td{Class(t.Columns[i])}>{E(row[i])}</td>");
                        html.Append("</tr>\n");
                    }
                    html.Append("</tbody>\n</table>\n");
                    break;
                case Figures f:
                    html.Append("<div class=\"figures\">\n");
                    foreach (var chart in f.Charts)
                        html.Append($"<figure id=\"chart-{E(chart.Name)}\">\n{Inline(report.Svg(chart))}\n<figcaption>{E(chart.Title)}</figcaption>\n</figure>\n");
                    html.Append("</div>\n");
                    break;
            }
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>An SVG file's text as an element of the page: without its XML declaration, which HTML does not take.</summary>
    private static string Inline(string svg)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start < 0 ? svg : svg[start..].Trim();
    }

    private static string Class(Column c) => c.Align == Align.Right ? " class=\"r\"" : "";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
