using BenchmarkDotNet.Running;

// The engine's hot path, piece by piece: each benchmark reports time and bytes allocated per request
// (OperationsPerInvoke), and the point of the exercise is 0 B in steady state.
//   dotnet run -c Release --project harness/Bench.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Bench.Benchmarks.ResponseParsing).Assembly).Run(args);
