using System.Diagnostics;
using Bench.Runtime.Processes;

namespace Bench.Runtime.Tests;

/// <summary>A fact that needs permission to create cgroups: skipped, with the reason, where there is none.</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    public CgroupFactAttribute()
    {
        if (TargetCgroup.Probe().Unavailable is { } why) Skip = $"cgroups cannot be created here: {why}";
    }
}

/// <summary>The local runtime's CPU quota and memory limit: real, inherited by forks, and cleaned up.</summary>
public sealed class TargetCgroupTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [CgroupFact]
    public async Task The_target_and_everything_it_forks_run_inside_the_group_with_its_limits()
    {
        using var group = TargetCgroup.Create(cpuQuotaCores: 0.5, memoryBytes: 256L << 20);
        var pidFile = Path.GetTempFileName();
        await using (var child = ChildProcess.Start(["bash", "-c", $"sleep 300 & echo $! > {pidFile}; wait"], "/tmp", NoEnv,
                         prefix: group.JoinPrefix()))
        {
            var forked = 0;
            for (var i = 0; i < 100 && !int.TryParse(File.ReadAllText(pidFile).Trim(), out forked); i++) await Task.Delay(50);

            foreach (var dir in group.Directories)
            {
                var members = File.ReadAllLines(Path.Combine(dir, "cgroup.procs")).Select(int.Parse).ToList();
                Assert.Contains(child.Pid, members); // the pid the harness watches is the target's own
                Assert.Contains(forked, members);
            }
            Assert.Equal([50_000, 256L << 20], Limits(group));
        }
        File.Delete(pidFile);
        Assert.All(group.Directories, d => Assert.True(Directory.Exists(d), "the group stays until disposed"));
    }

    [CgroupFact]
    public async Task A_target_over_its_memory_limit_is_killed()
    {
        using var group = TargetCgroup.Create(cpuQuotaCores: 1, memoryBytes: 64L << 20);
        // tail -c keeps the last 200 MiB of its input in memory: three times the limit.
        await using var child = ChildProcess.Start(["sh", "-c", "head -c 300M /dev/zero | tail -c 200M > /dev/null"], "/tmp", NoEnv,
            prefix: group.JoinPrefix());
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(128 + 9, child.ExitCode); // the shell reports its pipeline's SIGKILLed tail
    }

    [CgroupFact]
    public void Disposing_removes_the_group()
    {
        var group = TargetCgroup.Create(cpuQuotaCores: 1, memoryBytes: 64L << 20);
        Assert.All(group.Directories, d => Assert.True(Directory.Exists(d)));

        group.Dispose();

        Assert.All(group.Directories, d => Assert.False(Directory.Exists(d)));
    }

    [CgroupFact]
    public void Groups_of_a_harness_that_is_gone_are_swept_with_what_runs_in_them()
    {
        List<string> parents;
        using (var any = TargetCgroup.Create(1, 64L << 20)) parents = any.Directories.Select(d => Path.GetDirectoryName(d)!).ToList();
        var gone = DeadPid();
        var orphans = parents.Select(p => Path.Combine(p, $"{gone}-1")).ToList();
        foreach (var o in orphans) Directory.CreateDirectory(o);
        using var sleeper = Process.Start("sh", ["-c", $"{string.Join(" && ", orphans.Select(o => $"echo $$ > {o}/cgroup.procs"))} && exec sleep 300"]);
        for (var i = 0; i < 100 && File.ReadAllText(Path.Combine(orphans[0], "cgroup.procs")).Trim().Length == 0; i++) Thread.Sleep(20);

        Assert.True(TargetCgroup.SweepOrphans() >= orphans.Count);

        Assert.True(sleeper.WaitForExit(5000), "the orphan's process was not killed");
        Assert.All(orphans, o => Assert.False(Directory.Exists(o)));
    }

    private static long[] Limits(TargetCgroup group)
    {
        string Read(string file) => group.Directories.Select(d => Path.Combine(d, file)).First(File.Exists) is var f ? File.ReadAllText(f).Trim() : "";
        if (group.Directories.Count == 1) // v2: "quota period" and memory.max
            return [long.Parse(Read("cpu.max").Split(' ')[0]), long.Parse(Read("memory.max"))];
        return [long.Parse(Read("cpu.cfs_quota_us")), long.Parse(Read("memory.limit_in_bytes"))];
    }

    private static int DeadPid()
    {
        using var p = Process.Start("true")!;
        p.WaitForExit();
        return p.Id;
    }
}
