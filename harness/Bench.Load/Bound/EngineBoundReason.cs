namespace Bench.Load.Bound;

/// <summary>Why a run's figures may describe the load engine rather than the target.</summary>
public enum EngineBoundReason
{
    /// <summary>The engine's process kept its cores over <see cref="EngineBoundRules.MaxCpuPercent"/> % busy.</summary>
    EngineCpu,
    /// <summary>Requests spent over <see cref="EngineBoundRules.MaxEngineWaitShare"/> of their cycle inside the engine.</summary>
    EngineWait,
    /// <summary>Closed model: Little's law says under <see cref="EngineBoundRules.MinBusyConnections"/> of the connections were waiting on the target.</summary>
    IdleConnections,
    /// <summary>The engine's threads waited for a CPU over <see cref="EngineBoundRules.MaxRunQueueShare"/> of the window: another process on its cores.</summary>
    RunQueue,
    /// <summary>Throughput was over <see cref="EngineBoundRules.MaxCeilingFraction"/> of what this engine reached against a trivially fast server here.</summary>
    NearCeiling,
}
