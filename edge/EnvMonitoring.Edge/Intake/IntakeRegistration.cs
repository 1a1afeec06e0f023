using EnvMonitoring.Protocol.Catalog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge.Intake;

public static class IntakeRegistration
{
    /// <summary>
    /// The Circular-10 drop-folder intake (section <c>Gateway:Intake</c>). It appends to the
    /// <see cref="Log.ISampleSink"/> registered by the gateway's log.
    /// </summary>
    public static IHostApplicationBuilder AddFileIntake(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<FileIntakeOptions>().BindConfiguration(FileIntakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FileIntakeOptions>, FileIntakeOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(ParameterCatalog.Default);
        builder.Services.TryAddSingleton<IntakeCounters>();
        builder.Services.AddHostedService<DropFolderIntake>();
        return builder;
    }
}
