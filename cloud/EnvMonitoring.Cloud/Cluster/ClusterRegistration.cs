namespace EnvMonitoring.Cloud.Cluster;

internal static class ClusterRegistration
{
    /// <summary>Which parks this instance judges.</summary>
    public static WebApplicationBuilder AddCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IParkOwnership, SingleHostOwnership>();
        return builder;
    }
}
