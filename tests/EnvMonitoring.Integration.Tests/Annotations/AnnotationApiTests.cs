using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EnvMonitoring.Testing;
using static EnvMonitoring.Integration.Tests.Annotations.AnnotationClient;

namespace EnvMonitoring.Integration.Tests.Annotations;

/// <summary>
/// Issue #17, item 4, through the real host and InfluxDB: an annotation is proposed by an operator
/// and decided by an inspector who is not its author; every field is checked; a park-scoped user
/// neither sees nor acts on another park; each step is in the audit log.
/// </summary>
public sealed class AnnotationApiTests(AnnotationFixture fixture) : IClassFixture<AnnotationFixture>
{
    private static readonly DateTimeOffset Day = LocalDay(3);

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"station":"REP-01","parameter":"COD","from":"2026-01-01T10:00:00+07:00","to":"2026-01-01T09:00:00+07:00","reason":"maintenance","note":"n"}""", "to" },
        { """{"station":"REP-01","parameter":"COD","from":"2026-01-01T10:00:00+07:00","to":"2026-03-01T10:00:00+07:00","reason":"maintenance","note":"n"}""", "to" },
        { """{"station":"REP-01","parameter":"COD","from":"2026-01-01T10:00:00","to":"2026-01-01T11:00:00+07:00","reason":"maintenance","note":"n"}""", "from" },
        { """{"station":"REP-01","parameter":"COD","from":"2026-01-01T10:00:00+07:00","to":"2026-01-01T11:00:00+07:00","reason":"holiday","note":"n"}""", "reason" },
        { """{"station":"REP-01","parameter":"COD","from":"2026-01-01T10:00:00+07:00","to":"2026-01-01T11:00:00+07:00","reason":"maintenance","note":"  "}""", "note" },
        { """{"station":"REP-01","parameter":"NOx","from":"2026-01-01T10:00:00+07:00","to":"2026-01-01T11:00:00+07:00","reason":"maintenance","note":"n"}""", "parameter" },
        { """{"station":"REP-01","parameter":"Nope","from":"2026-01-01T10:00:00+07:00","to":"2026-01-01T11:00:00+07:00","reason":"maintenance","note":"n"}""", "parameter" },
        { """{"station":"REP-01","parameter":"COD","from":"2026-01-01T10:00:00+07:00","to":"2026-01-01T11:00:00+07:00","reason":"laboratoryValue","note":"n"}""", "value" },
        { """{"station":"REP-01","parameter":"COD","from":"2026-01-01T10:00:00+07:00","to":"2026-01-01T11:00:00+07:00","reason":"maintenance","note":"n","value":3}""", "value" },
        { """{"station":"NOPE-1","parameter":"COD","from":"2026-01-01T10:00:00+07:00","to":"2026-01-01T11:00:00+07:00","reason":"maintenance","note":"n"}""", "station" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_proposal_is_a_400_problem_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Cloud.ClientFor(TestUsers.Operator).PostAsync(new Uri("/api/annotations", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), text);
    }

    [Fact]
    public async Task A_period_that_ends_in_the_future_is_refused()
    {
        var now = DateTimeOffset.UtcNow;
        using var response = await fixture.Cloud.ClientFor(TestUsers.Operator).PostAsJsonAsync(
            new Uri("/api/annotations", UriKind.Relative), Body("REP-01", "COD", now.AddHours(-1), now.AddHours(1), "maintenance"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("future", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_proposes_an_inspector_approves_and_each_step_is_audited()
    {
        using var operatorClient = fixture.Cloud.ClientFor(TestUsers.Operator);
        using var inspector = fixture.Cloud.ClientFor(TestUsers.Inspector);
        using var viewer = fixture.Cloud.ClientFor(TestUsers.Viewer);
        var from = Day.AddHours(8);
        var to = Day.AddHours(10);

        // A viewer reads but does not propose; an inspector alone does not propose.
        using (var refused = await viewer.PostAsJsonAsync(new Uri("/api/annotations", UriKind.Relative), Body("REP-03", "COD", from, to, "maintenance")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var refused = await inspector.PostAsJsonAsync(new Uri("/api/annotations", UriKind.Relative), Body("REP-03", "COD", from, to, "maintenance")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var proposed = await ProposeAsync(operatorClient, Body("REP-03", "COD", from, to, "maintenance", "Quarterly pump maintenance"));
        var id = proposed.GetProperty("id").GetString()!;
        Assert.Equal("pending", proposed.GetProperty("state").GetString());
        Assert.Equal(TestUsers.Operator.Name, proposed.GetProperty("proposedBy").GetString());
        Assert.Equal(from, proposed.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromHours(7), proposed.GetProperty("from").GetDateTimeOffset().Offset);

        // The operator cannot decide; a viewer sees it pending.
        using (var refused = await StepAsync(operatorClient, id, "approve"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var one = await viewer.GetAsync(new Uri($"/api/annotations/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Equal("Quarterly pump maintenance", JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement.GetProperty("note").GetString());
        }

        var listed = Assert.Single(await ListAsync(viewer, "station=REP-03&state=pending"));
        Assert.Equal(id, listed.GetProperty("id").GetString());

        var approved = await StepOkAsync(inspector, id, "approve", "Seen in the maintenance log");
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal(TestUsers.Inspector.Name, approved.GetProperty("decidedBy").GetString());
        Assert.Equal("Seen in the maintenance log", approved.GetProperty("decisionNote").GetString());
        Assert.Empty(await ListAsync(viewer, "station=REP-03&state=pending"));
        Assert.Single(await ListAsync(viewer, $"station=REP-03&state=approved&from={Uri.EscapeDataString(Day.ToString("O"))}&to={Uri.EscapeDataString(Day.AddDays(1).ToString("O"))}"));
        Assert.Empty(await ListAsync(viewer, $"station=REP-03&from={Uri.EscapeDataString(Day.AddDays(1).ToString("O"))}&to={Uri.EscapeDataString(Day.AddDays(2).ToString("O"))}"));

        // A second decision is a conflict.
        using (var again = await StepAsync(inspector, id, "reject", "too late"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("notPending", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString());
        }

        // Each step once in the audit log, with its user, station and the annotation as subject.
        await Eventually.UntilAsync(async () => (await AuditAsync(id)).Count == 2, TimeSpan.FromSeconds(20), "both steps are in the audit log");
        var entries = await AuditAsync(id);
        Assert.Equal(
            [("annotation-approve", TestUsers.Inspector.Name), ("annotation-propose", TestUsers.Operator.Name)],
            entries.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("user").GetString())));
        Assert.All(entries, e => Assert.Equal("REP-03", e.GetProperty("station").GetString()));
        Assert.Contains("maintenance", entries[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_decides_their_own_annotation_a_rejection_needs_a_note_and_only_the_author_withdraws()
    {
        using var both = fixture.Cloud.ClientFor(AnnotationFixture.Both);
        using var inspector = fixture.Cloud.ClientFor(TestUsers.Inspector);
        using var operatorClient = fixture.Cloud.ClientFor(TestUsers.Operator);
        var own = (await ProposeAsync(both, Body("REP-04", "pH", Day.AddHours(1), Day.AddHours(2), "probeFault"))).GetProperty("id").GetString()!;

        foreach (var step in new[] { "approve", "reject" })
        {
            using var refused = await StepAsync(both, own, step, "mine");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("ownAnnotation", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString());
        }

        using (var noNote = await StepAsync(inspector, own, "reject"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        }

        var rejected = await StepOkAsync(inspector, own, "reject", "No work order for that day");
        Assert.Equal(("rejected", "No work order for that day"), (rejected.GetProperty("state").GetString(), rejected.GetProperty("decisionNote").GetString()));

        // Withdrawal: the author's, while pending.
        var other = (await ProposeAsync(both, Body("REP-04", "pH", Day.AddHours(3), Day.AddHours(4), "powerOutage"))).GetProperty("id").GetString()!;
        using (var notAuthor = await StepAsync(operatorClient, other, "withdraw"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notAuthor.StatusCode);
        }

        Assert.Equal("withdrawn", (await StepOkAsync(both, other, "withdraw")).GetProperty("state").GetString());
        using (var unknown = await StepAsync(inspector, "0123456789abcdef", "approve"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
    }

    [Fact]
    public async Task A_park_scoped_user_neither_sees_nor_acts_on_another_parks_annotations()
    {
        using var operatorClient = fixture.Cloud.ClientFor(TestUsers.Operator);
        using var outsider = fixture.Cloud.ClientFor(AnnotationFixture.OtherPark);
        var id = (await ProposeAsync(operatorClient, Body("EXP-03", "COD", Day.AddHours(5), Day.AddHours(6), "calibrationNotReported"))).GetProperty("id").GetString()!;

        Assert.DoesNotContain(await ListAsync(outsider, ""), a => a.GetProperty("id").GetString() == id);
        using (var list = await outsider.GetAsync(new Uri("/api/annotations?station=EXP-03", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        using (var propose = await outsider.PostAsJsonAsync(new Uri("/api/annotations", UriKind.Relative), Body("EXP-03", "COD", Day.AddHours(7), Day.AddHours(8), "maintenance")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, propose.StatusCode);
        }

        // Another park's annotation and one that does not exist answer alike.
        foreach (var target in new[] { id, "0123456789abcdef" })
        {
            using var approve = await StepAsync(outsider, target, "approve");
            Assert.Equal(HttpStatusCode.Forbidden, approve.StatusCode);
            using var read = await outsider.GetAsync(new Uri($"/api/annotations/{target}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        }

        Assert.Equal("pending", Assert.Single(await ListAsync(operatorClient, "station=EXP-03")).GetProperty("state").GetString());
    }

    private async Task<List<JsonElement>> AuditAsync(string subject)
    {
        var entries = await fixture.Cloud.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?station=REP-03&limit=500", UriKind.Relative));
        return [.. entries.EnumerateArray().Where(e => e.TryGetProperty("subject", out var s) && s.GetString() == subject && e.GetProperty("action").GetString()!.StartsWith("annotation-", StringComparison.Ordinal))];
    }
}
