namespace EnvMonitoring.Cloud.Security;

/// <summary>
/// Whether the host listens on an HTTPS address: an <c>https://</c> entry in <c>Urls</c>
/// (<c>ASPNETCORE_URLS</c>, <c>--urls</c>), a port in <c>HTTPS_PORTS</c>, or a
/// <c>Kestrel:Endpoints:NAME:Url</c> with <c>https://</c>. What follows from it: the sign-in cookie
/// is always <c>Secure</c>, plain HTTP requests are redirected and HTTPS responses carry HSTS. Without
/// one the host serves plain HTTP, the mode <c>./envmon run --plaintext</c> asks for.
/// </summary>
internal static class HttpsEndpoints
{
    /// <summary>Whether an https address is configured.</summary>
    public static bool Configured(IConfiguration configuration) =>
        InUrls(configuration) ||
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(endpoint => IsHttps(endpoint["Url"]));

    /// <summary>
    /// Whether <c>Urls</c> or <c>HTTPS_PORTS</c> name an https address: those take the certificate of
    /// <see cref="HttpsOptions"/> (a <c>Kestrel:Endpoints</c> entry may bring its own).
    /// </summary>
    public static bool InUrls(IConfiguration configuration) =>
        (configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(IsHttps) ||
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey]);

    private static bool IsHttps(string? url) => url is not null && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
