using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Integration.Tests.Inspectors;
using EnvMonitoring.Testing;

namespace EnvMonitoring.Integration.Tests.Annotations;

/// <summary>
/// The inspectors' host (real InfluxDB, stations of <see cref="InspectorHostFixture.Park"/>) with two
/// more users: one who both proposes and decides (operator and inspector), and one of that kind bound
/// to another park.
/// </summary>
public sealed class AnnotationFixture : InspectorHostFixture
{
    /// <summary>Operator and inspector: may propose and may decide, but never their own annotation.</summary>
    public static readonly TestUser Both = new("t-annot-both", "annot-both-secret-1", ["operator", "inspector"], []);

    /// <summary>Operator and inspector of another park, so that a 403 comes from the park and not from a missing role.</summary>
    public static readonly TestUser OtherPark = new("t-annot-other", "annot-other-secret-1", ["operator", "inspector"], ["OtherPark"]);

    /// <summary>A stack, judged on hourly means: dust ≤ 200 mg/Nm³ by permit, every 5 minutes.</summary>
    public const string Stack = "STK-01";

    protected override IEnumerable<KeyValuePair<string, string>> Settings()
    {
        var s = $"Stations:{Stations.Count}:";
        return Both.Settings(TestUsers.All.Count).Concat(OtherPark.Settings(TestUsers.All.Count + 1)).Concat(
        [
            new(s + "Park", Park), new(s + "Station", Stack), new(s + "Name", "Test boiler stack"), new(s + "Medium", "Air"),
            new(s + "ExpectedInterval", "00:05:00"), new(s + "Permit:0:Parameter", "Dust"), new(s + "Permit:0:Max", "200"),
            new(s + "Permit:0:Reference", "test permit 1/GP"),
        ]);
    }
}

/// <summary>What the annotation tests send and read.</summary>
internal static class AnnotationClient
{
    /// <summary>The start of the local day <paramref name="daysAgo"/> days before today (UTC+7).</summary>
    public static DateTimeOffset LocalDay(int daysAgo)
    {
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, TimeSpan.FromHours(7)).AddDays(-daysAgo);
    }

    public static object Body(string station, string parameter, DateTimeOffset from, DateTimeOffset to, string reason, string note = "Pump replaced", double? value = null) =>
        new { station, parameter, from = from.ToString("O"), to = to.ToString("O"), reason, note, value };

    /// <summary>Proposes and returns the annotation; fails the test unless it is 201.</summary>
    public static async Task<JsonElement> ProposeAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/annotations", UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> StepAsync(HttpClient client, string id, string step, string? note = null) =>
        client.PostAsJsonAsync(new Uri($"/api/annotations/{id}/{step}", UriKind.Relative), new { note });

    /// <summary>Takes a step and returns the annotation after it; fails the test unless it is 200.</summary>
    public static async Task<JsonElement> StepOkAsync(HttpClient client, string id, string step, string? note = null)
    {
        using var response = await StepAsync(client, id, step, note);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri("/api/annotations?" + query, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return [.. JsonDocument.Parse(text).RootElement.Clone().EnumerateArray()];
    }
}
