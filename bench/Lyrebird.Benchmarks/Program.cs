using BenchmarkDotNet.Running;
using Lyrebird.Benchmarks;

if (args is ["profile"])
{
    ProfileHarness.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
