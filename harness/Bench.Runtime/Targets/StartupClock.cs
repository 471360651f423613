using System.Text.Json.Serialization;

namespace Bench.Runtime.Targets;

/// <summary>What a trial's start-up time covers (results.json <c>startupClock</c>): both ends, on which clock.</summary>
public enum StartupClock
{
    /// <summary>Local: the exec of the target's own program (<see cref="Processes.ExecClock"/>) → the first 200 from /healthz.</summary>
    [JsonStringEnumMemberName("exec → first 200 (local)")] ExecToFirstOk,
    /// <summary>Docker on this machine: the container's State.StartedAt (stamped by the engine once its process runs) → the first 200.</summary>
    [JsonStringEnumMemberName("container start → first 200 (docker)")] ContainerStartToFirstOk,
    /// <summary>A remote engine, whose clock is not ours: the harness's start request → the first 200, the engine's work included.</summary>
    [JsonStringEnumMemberName("start request → first 200 (remote docker)")] StartRequestToFirstOk,
}
