namespace Bench.Runtime.Docker;

/// <summary>How to reach the engine and what every container of one harness run gets.</summary>
public sealed record DockerOptions
{
    /// <summary>The run's id: every container carries it as the label <c>bench.run</c>.</summary>
    public required string RunId { get; init; }

    /// <summary>
    /// unix:///path or tcp://host:port (--docker-host). Null: DOCKER_HOST, else unix:///var/run/docker.sock.
    /// </summary>
    public string? Host { get; init; }

    /// <summary>
    /// Folder with ca.pem, cert.pem and key.pem for a TLS engine (as DOCKER_CERT_PATH). Null: DOCKER_CERT_PATH
    /// (or ~/.docker) when DOCKER_TLS_VERIFY is set, otherwise no TLS.
    /// </summary>
    public string? TlsCertPath { get; init; }

    /// <summary>Check the engine's certificate against ca.pem and its host name (on by default, as DOCKER_TLS_VERIFY).</summary>
    public bool TlsVerify { get; init; } = true;

    /// <summary>
    /// The address the harness uses to reach targets and PostgreSQL, which run in the engine host's network.
    /// Null: 127.0.0.1 for a local engine, the host of a tcp:// engine otherwise. When it is not a loopback
    /// address, targets and PostgreSQL bind 0.0.0.0 on the engine's machine so the load engine can reach them.
    /// </summary>
    public string? TargetAddress { get; init; }

    /// <summary>Memory limit of each target container (HostConfig.Memory, swap included); null: none.</summary>
    public long? MemoryLimitBytes { get; init; }

    /// <summary>CPU quota of each target container in cores (HostConfig.NanoCPUs, as docker run --cpus); null: none.</summary>
    public double? CpuLimit { get; init; }

    /// <summary>RLIMIT_NOFILE (soft = hard) of each target container (HostConfig.Ulimits, as docker run --ulimit nofile=N:N); null: the engine's default.</summary>
    public ulong? OpenFiles { get; init; }

    /// <summary>Sample through the stats API even when the engine is local (tests compare both sources).</summary>
    internal bool StatsApiOnly { get; init; }

    /// <summary>Where the image builds and the logs of the harness report progress (one line each); null: silent.</summary>
    public IProgress<string>? Log { get; init; }
}
