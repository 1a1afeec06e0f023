using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.ApiContract;

/// <summary>
/// The OpenAPI document of the HTTP API (Microsoft.AspNetCore.OpenApi) at
/// <see cref="ApiContractOptions.Path"/>: the routes as mapped, completed from their endpoint
/// metadata with who may call them (<see cref="AccessTransformer"/>), the security schemes
/// (<see cref="SecuritySchemes"/>) and the routes that are not minimal-API handlers
/// (<see cref="PlainEndpoints"/>). A test compares it with every mapped route, and docs/api.md is
/// made from it.
/// </summary>
internal static class ApiContractRegistration
{
    public const string DocumentName = "v1";

    public static WebApplicationBuilder AddApiContract(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiContractOptions>().BindConfiguration(ApiContractOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "EnvMonitoring cloud API";
                document.Info.Version = "v1";
                document.Info.Description = "The monitoring centre's HTTP API: stations and live state, readings and history, alerts, annotations, "
                    + "compliance reports, evidence exports, seals and integrity, the audit log and open data. Times are RFC 3339 with an offset; "
                    + "days are local days (Asia/Ho_Chi_Minh). Errors are RFC 9457 problem details (application/problem+json).";
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<SecuritySchemes>();
            options.AddDocumentTransformer<PlainEndpoints>();
            options.AddOperationTransformer<AccessTransformer>();
        });
        return builder;
    }

    public static WebApplication MapApiContract(this WebApplication app)
    {
        var document = app.MapOpenApi(ApiContractOptions.Path.Replace(DocumentName, "{documentName}", StringComparison.Ordinal));
        if (app.Services.GetRequiredService<IOptions<ApiContractOptions>>().Value.Anonymous)
        {
            document.AllowAnonymous();
        }
        else
        {
            document.RequireAuthorization(Security.Policies.Viewer);
        }

        return app;
    }
}
