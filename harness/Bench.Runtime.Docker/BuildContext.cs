using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Bench.Core;
using Bench.Runtime.Targets;

namespace Bench.Runtime.Docker;

/// <summary>
/// A build context made of exactly the paths a Dockerfile copies, sent to the engine as a tar stream.
/// For targets the context root is targets/ (so a variant can copy its original's folder), plus two
/// names for what the host provides:
/// <list type="bullet">
/// <item><c>_host/bin/NAME</c>: the program NAME found on PATH (links resolved), e.g. the host's node;</item>
/// <item><c>_host/dotnet/</c>: the host's .NET runtime (the dotnet host, host/fxr and the newest patch of each
/// shared framework per major version; no SDK).</item>
/// </list>
/// </summary>
internal sealed class BuildContext
{
    public const string HostPrefix = "_host/";

    /// <summary>Context path → host path (a file, a folder copied whole, or a symbolic link).</summary>
    private readonly SortedDictionary<string, string> _paths = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, byte[]> _inline = new(StringComparer.Ordinal);

    public string Dockerfile { get; }
    public string Description { get; }
    public DockerfileInfo Info { get; }

    private BuildContext(string dockerfile, string description)
    {
        Dockerfile = dockerfile;
        Description = description;
        Info = DockerfileInfo.Parse(dockerfile);
    }

    /// <summary>targets/NAME/Dockerfile.local with the paths it copies from targets/ and from the host.</summary>
    public static BuildContext ForTarget(string targetDirectory)
    {
        var dockerfilePath = Path.Combine(targetDirectory, "Dockerfile.local");
        if (!File.Exists(dockerfilePath))
            throw new BenchException($"{dockerfilePath} is missing: the Docker runtime builds each target's image from it (see scripts/docker/README.md).");
        var root = Path.GetDirectoryName(Path.GetFullPath(targetDirectory).TrimEnd('/'))!;
        var context = new BuildContext(File.ReadAllText(dockerfilePath), dockerfilePath);
        foreach (var source in context.Info.Sources)
            context.AddSource(source, root);
        return context;
    }

    /// <summary>A Dockerfile and the files it copies, given as contents (images that belong to the harness).</summary>
    public static BuildContext FromFiles(string dockerfile, string description, IReadOnlyDictionary<string, byte[]> files)
    {
        var context = new BuildContext(dockerfile, description);
        foreach (var (name, bytes) in files) context._inline[name] = bytes;
        foreach (var source in context.Info.Sources)
            if (!context._inline.ContainsKey(Normalise(source, description)))
                throw new BenchException($"{description} copies {source}, which the harness does not provide.");
        return context;
    }

    private void AddSource(string source, string root)
    {
        var name = Normalise(source, Description);
        if (name.StartsWith(HostPrefix, StringComparison.Ordinal))
        {
            AddHostSource(name);
            return;
        }
        var path = Path.Combine(root, name);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new BenchException($"{Description} copies {source}, but {path} does not exist: build the target first (bench build), then try again.");
        _paths[name] = path;
    }

    private void AddHostSource(string name)
    {
        var rest = name[HostPrefix.Length..];
        if (rest.StartsWith("bin/", StringComparison.Ordinal) && !rest[4..].Contains('/'))
        {
            var program = Toolchain.Which(rest[4..]) ?? throw new BenchException($"{Description} copies the host's {rest[4..]}, which is not on PATH.");
            _paths[name] = Resolve(program);
            return;
        }
        if (rest == "dotnet")
        {
            foreach (var (entry, path) in DotnetRuntime()) _paths[$"{name}/{entry}"] = path;
            return;
        }
        throw new BenchException($"{Description} copies {name}: the host provides only {HostPrefix}bin/PROGRAM and {HostPrefix}dotnet/.");
    }

    /// <summary>The runtime part of the dotnet installation on PATH (DOTNET_ROOT first): what `dotnet app.dll` needs.</summary>
    private IEnumerable<(string Entry, string Path)> DotnetRuntime()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (string.IsNullOrEmpty(root) || !File.Exists(Path.Combine(root, "dotnet")))
        {
            var muxer = Toolchain.Which("dotnet") ?? throw new BenchException($"{Description} copies the host's .NET runtime, but dotnet is not on PATH.");
            root = Path.GetDirectoryName(Resolve(muxer))!;
        }
        yield return ("dotnet", Path.Combine(root, "dotnet"));
        foreach (var fxr in NewestPerMajor(Path.Combine(root, "host", "fxr")).TakeLast(1))
            yield return ($"host/fxr/{Path.GetFileName(fxr)}", fxr);
        var shared = Path.Combine(root, "shared");
        if (!Directory.Exists(shared)) throw new BenchException($"no shared .NET runtime under {root}.");
        foreach (var framework in Directory.EnumerateDirectories(shared).Order(StringComparer.Ordinal))
            foreach (var version in NewestPerMajor(framework))
                yield return ($"shared/{Path.GetFileName(framework)}/{Path.GetFileName(version)}", version);
    }

    /// <summary>Version folders (10.0.12, 9.0.4, ...): the highest of each major, lowest major first.</summary>
    private static IEnumerable<string> NewestPerMajor(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateDirectories(folder)
            .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(x => x.Version is not null)
            .GroupBy(x => x.Version!.Major)
            .OrderBy(g => g.Key)
            .Select(g => g.MaxBy(x => x.Version)!.Dir);
    }

    private static string Resolve(string path) =>
        File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static string Normalise(string source, string description)
    {
        var name = source.Replace('\\', '/');
        while (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
        name = name.TrimEnd('/');
        if (name.Length == 0 || name == "." || name.StartsWith('/') || name.Split('/').Contains(".."))
            throw new BenchException($"{description} copies '{source}': name a file or folder inside the context (no '.', '..' or absolute paths).");
        return name;
    }

    /// <summary>Every file and link that goes into the tar, with its context path, in a stable order.</summary>
    private IEnumerable<(string Entry, FileSystemInfo Info)> Entries()
    {
        foreach (var (name, path) in _paths)
        {
            FileSystemInfo top = Directory.Exists(path) && File.ResolveLinkTarget(path, false) is null ? new DirectoryInfo(path) : new FileInfo(path);
            foreach (var e in Walk(name, top)) yield return e;
        }
    }

    private static IEnumerable<(string, FileSystemInfo)> Walk(string name, FileSystemInfo info)
    {
        yield return (name, info);
        if (info is not DirectoryInfo dir || info.LinkTarget is not null) yield break;
        foreach (var child in dir.EnumerateFileSystemInfos().OrderBy(c => c.Name, StringComparer.Ordinal))
            foreach (var e in Walk($"{name}/{child.Name}", child))
                yield return e;
    }

    /// <summary>
    /// Changes whenever the Dockerfile, a copied file (its content; for what the host provides, its size and
    /// modification time), a link target or a base image changes; the image carries it as a label, so an
    /// unchanged target is not rebuilt.
    /// </summary>
    public string Fingerprint(IEnumerable<string> baseImageIds)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        void Add(string s) => hash.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        Add("bench-context-v1");
        Add(Dockerfile);
        foreach (var id in baseImageIds) Add(id);
        foreach (var (entry, info) in Entries())
        {
            if (info.LinkTarget is not null) Add($"L {entry} {info.LinkTarget}");
            else if (info is FileInfo f && entry.StartsWith(HostPrefix, StringComparison.Ordinal))
                Add($"H {entry} {f.Length} {f.LastWriteTimeUtc.Ticks} {(int)f.UnixFileMode}");
            else if (info is FileInfo file)
            {
                // Build tools rewrite unchanged artifacts (go build does), so what counts is the content.
                Add($"F {entry} {file.Length} {(int)file.UnixFileMode}");
                using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
                int n;
                while ((n = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, n);
            }
            else Add($"D {entry}");
        }
        foreach (var (name, bytes) in _inline) { Add($"I {name}"); hash.AppendData(bytes); }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>The context as a tar stream: Dockerfile at the root, then every entry.</summary>
    public async Task WriteTarAsync(Stream output, CancellationToken ct)
    {
        await using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await WriteBytesAsync(tar, "Dockerfile", Encoding.UTF8.GetBytes(Dockerfile), ct);
        foreach (var (name, bytes) in _inline) await WriteBytesAsync(tar, name, bytes, ct);
        foreach (var (entry, info) in Entries())
        {
            ct.ThrowIfCancellationRequested();
            await tar.WriteEntryAsync(info.FullName, entry, ct);
        }
    }

    private static async Task WriteBytesAsync(TarWriter tar, string name, byte[] bytes, CancellationToken ct)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(bytes),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                 | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
            ModificationTime = DateTimeOffset.UnixEpoch,
        };
        await tar.WriteEntryAsync(entry, ct);
    }
}
