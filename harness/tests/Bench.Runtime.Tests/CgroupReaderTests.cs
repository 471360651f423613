using Bench.Runtime.Resources;

namespace Bench.Runtime.Tests;

/// <summary>
/// One reader for a cgroup's files, v1 and v2 alike (a local target's group and a container's): recorded
/// files in a temporary folder, so both versions are checked on any machine.
/// </summary>
public sealed class CgroupReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bench-cgroup-files-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Dir(string name, params (string File, string Text)[] files)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        foreach (var (file, text) in files) File.WriteAllText(Path.Combine(dir, file), text);
        return dir;
    }

    [Fact]
    public void V1_working_set_is_usage_less_inactive_file_with_the_hierarchys_totals_and_cpuacct_time()
    {
        var memory = Dir("memory",
            ("memory.usage_in_bytes", "150000000\n"),
            ("memory.max_usage_in_bytes", "400000000\n"),
            // the group's own counters come first; a hierarchy's totals are the total_* lines
            ("memory.stat", "cache 1\nrss 2\ninactive_file 3\ntotal_cache 90000000\ntotal_rss 60000000\ntotal_inactive_file 30000000\n"),
            ("cgroup.procs", "12\n34\n"));
        var cpuacct = Dir("cpuacct", ("cpuacct.usage", "2500000000\n"));
        var cpu = Dir("cpu", ("cpu.stat", "nr_periods 10\nnr_throttled 2\nthrottled_time 5000\n"));
        var files = new CgroupFiles(CgroupVersion.V1, memory, cpuacct, cpu);

        var s = new CgroupReader(files).Read();

        Assert.Equal(120_000_000, s.MemoryBytes);
        Assert.Equal(400_000_000, s.KernelPeakBytes);
        Assert.Equal(60_000_000, s.AnonBytes);
        Assert.Equal(90_000_000, s.FileBytes);
        Assert.Equal(2.5, s.CpuSeconds, 9);
        Assert.Equal([12, 34], files.Members());
        Assert.Equal(2, KeyedFile.Read(files.CpuStat)["nr_throttled"]);
    }

    [Fact]
    public void V2_reads_one_folder_and_has_no_kernel_peak_before_memory_peak_existed()
    {
        var dir = Dir("v2",
            ("memory.current", "100000000\n"),
            ("memory.stat", "anon 70000000\nfile 25000000\nkernel 5000000\ninactive_file 10000000\n"),
            ("cpu.stat", "usage_usec 1500000\nuser_usec 1000000\nsystem_usec 500000\nnr_throttled 0\n"));

        var s = new CgroupReader(CgroupFiles.V2(dir)).Read();

        Assert.Equal(90_000_000, s.MemoryBytes);
        Assert.Null(s.KernelPeakBytes);
        Assert.Equal(70_000_000, s.AnonBytes);
        Assert.Equal(25_000_000, s.FileBytes);
        Assert.Equal(1.5, s.CpuSeconds, 9);

        File.WriteAllText(Path.Combine(dir, "memory.peak"), "300000000\n");
        Assert.Equal(300_000_000, new CgroupReader(CgroupFiles.V2(dir)).Read().KernelPeakBytes);
    }

    [Fact]
    public void This_process_is_found_in_its_cgroup()
    {
        var files = CgroupFiles.OfProcess(Environment.ProcessId);
        Assert.NotNull(files); // every Linux process is in some group, v1 or v2
        Assert.Contains(Environment.ProcessId, files.Members());
        Assert.True(new CgroupReader(files).Read().MemoryBytes > 0);
    }
}
