using EnvMonitoring.Cloud.Backtest;
using EnvMonitoring.Cloud.Stations;
using EnvMonitoring.Cloud.Storage;
using EnvMonitoring.Protocol.Catalog;
using EnvMonitoring.Rules.Limits;
using EnvMonitoring.Rules.Profiles;
using EnvMonitoring.Rules.Regulations;
using EnvMonitoring.Testing;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Cloud.Tests.Backtest;

/// <summary>The back-test's run itself: progress for long ranges goes to stderr, never into the result.</summary>
public sealed class BacktestRunTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    [Fact]
    public async Task A_long_run_reports_progress_in_data_time()
    {
        var history = new BacktestHistory(influx.Server, "bt_progress", "BtPark", "BT-PROGRESS-01");
        await history.WriteAsync();
        using var http = new HttpClient { BaseAddress = influx.Server.BaseUri };
        var client = new InfluxClient(http, Options.Create(new InfluxOptions { Url = influx.Server.BaseUri, Database = history.Database, Username = influx.Server.Cloud.Username, Password = influx.Server.Cloud.Password }));
        var limits = StationLimits.Resolve(RegulationLibrary.Default, new LimitDeclaration { Permit = [new PermitLimit("COD", null, 100, "Test permit")] });
        var profile = StationRuleProfile.Create(history.Station, Medium.Water, limits);
        var station = new RegisteredStation("BtPark", history.Station, "Trạm thử nghiệm", Medium.Water, TimeSpan.FromMinutes(5), profile);
        var arguments = BacktestArguments.Parse(["--station", history.Station, "--from", "2026-11-10T08:00", "--to", "2026-11-10T12:00", "--warmup", "00:30:00"]);
        using var progress = new StringWriter();

        // A wall clock on which every look takes 3 s: a slow run, so every sample reports.
        var result = await new BacktestRun(new SampleHistory(client, ParameterCatalog.Default), new SlowWallClock(), progress)
            .RunAsync(station, profile.Settings, arguments, CancellationToken.None);

        var lines = progress.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(31, lines.Length);
        Assert.Equal("backtest: 2026-11-10 07:30 (+07:00) 0% · 0 samples · 0 events", lines[0]);
        Assert.Equal("backtest: 2026-11-10 10:00 (+07:00) 50% · 25 samples · 6 events", lines[^1]);
        Assert.Equal(7, result.Events.Count);
    }

    private sealed class SlowWallClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond * 3);

        public override DateTimeOffset GetUtcNow() => new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    }
}
