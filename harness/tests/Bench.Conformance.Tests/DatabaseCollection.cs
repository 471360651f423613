using Bench.Testing;

namespace Bench.Conformance.Tests;

/// <summary>The conformance tests share one database (<see cref="DatabaseFixture"/>).</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
