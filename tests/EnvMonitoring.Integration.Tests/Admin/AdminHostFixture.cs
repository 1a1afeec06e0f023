using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EnvMonitoring.Cloud.Config;
using EnvMonitoring.Integration.Tests.Hosts;
using EnvMonitoring.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EnvMonitoring.Integration.Tests.Admin;

/// <summary>
/// One cloud host (real InfluxDB, its own SQLite configuration store) for the admin API's tests;
/// each test owns the ids it creates. Besides the role users, an admin bound to one park.
/// </summary>
public sealed class AdminHostFixture : IAsyncLifetime
{
    /// <summary>An admin of one park only: the admin API is the province's, so 403.</summary>
    public static readonly TestUser ParkAdmin = new("t-adm-park-admin", "park-admin-secret-1", ["admin"], ["AdmScoped"]);

    private InfluxServer? _influx;
    private CloudHost? _cloud;

    public CloudHost Cloud => _cloud ?? throw new InvalidOperationException("not started");

    public IConfigStore Store => Cloud.Services.GetRequiredService<IConfigStore>();

    public async Task InitializeAsync()
    {
        _influx = await InfluxServer.StartAsync();
        _cloud = await CloudHost.StartAsync(_influx, "admin", new Dictionary<string, string>(ParkAdmin.Settings(TestUsers.All.Count)));
        // The self-service tests give a wrong current password on purpose; it counts as a failed sign-in.
        _cloud.Log.ExpectEvent("SignInRefused", "the self-service tests send a wrong current password");
    }

    public async Task DisposeAsync()
    {
        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }

        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }
    }

    /// <summary>A request as admin (HTTP Basic) with a JSON body and, when given, <c>If-Match</c>.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, long? ifMatch = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = body is string json ? new StringContent(json, Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return (client ?? Cloud.Http).SendAsync(request);
    }

    /// <summary>Sends, asserts the status (with the body in the failure), and returns the body as JSON (default for an empty one).</summary>
    public async Task<JsonElement> ExpectAsync(HttpStatusCode status, HttpMethod method, string path, object? body = null, long? ifMatch = null, HttpClient? client = null)
    {
        using var response = await SendAsync(method, path, body, ifMatch, client);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{method} {path}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates a park (fails the test unless 201).</summary>
    public Task<JsonElement> ParkAsync(string id) =>
        ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, "/api/admin/parks", new { id, name = $"Khu công nghiệp {id}", latitude = 21.5, longitude = 105.8 });

    /// <summary>A water station of <paramref name="park"/> under QCVN 40:2011 column B, with the site inputs it reads.</summary>
    public static Dictionary<string, object?> Station(string park, string station) => new()
    {
        ["park"] = park,
        ["station"] = station,
        ["name"] = "Trạm xử lý nước thải tập trung",
        ["medium"] = "water",
        ["expectedInterval"] = "00:05:00",
        ["parameters"] = new[] { "COD", "pH", "TSS" },
        ["regulation"] = "QCVN 40:2011/BTNMT",
        ["column"] = "B",
        ["site"] = new Dictionary<string, decimal> { ["dischargeM3PerDay"] = 3000, ["riverDrySeasonFlowM3PerS"] = 30 },
    };
}
