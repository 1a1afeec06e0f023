namespace EnvMonitoring.Cloud.Annotations;

internal static class AnnotationsRegistration
{
    /// <summary>The annotation journal and the book folded from it at start.</summary>
    public static WebApplicationBuilder AddAnnotations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AnnotationJournal>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AnnotationJournal>());
        builder.Services.AddSingleton<AnnotationBook>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AnnotationBook>());
        return builder;
    }
}
