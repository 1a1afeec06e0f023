// Small folders to analyse: Cyclic's two use each other (one of them only inside a lambda), Layered's only downward.
#pragma warning disable CA1812, CA1822, IDE0051 // never instantiated or called: only their IL is read
namespace EnvMonitoring.Testing.Tests.Architecture.Fixture.Cyclic.Alpha
{
    internal sealed class Pump
    {
        public Beta.Valve Valve { get; } = new();
    }
}

namespace EnvMonitoring.Testing.Tests.Architecture.Fixture.Cyclic.Beta
{
    internal sealed class Valve
    {
        public Func<object> Later => () => new Alpha.Pump();
    }
}

namespace EnvMonitoring.Testing.Tests.Architecture.Fixture.Layered.Upper
{
    internal sealed class Report
    {
        public async Task<int> CountAsync()
        {
            await Task.Yield();
            return Lower.Store.Count();
        }
    }
}

namespace EnvMonitoring.Testing.Tests.Architecture.Fixture.Layered.Lower
{
    internal static class Store
    {
        public static int Count() => 1;
    }
}
