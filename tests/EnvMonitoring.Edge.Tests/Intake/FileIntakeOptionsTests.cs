using EnvMonitoring.Edge.Intake;
using Microsoft.Extensions.Options;

namespace EnvMonitoring.Edge.Tests.Intake;

/// <summary><c>Gateway:Intake</c> is validated at start: a bad mapping stops the gateway instead of rejecting every file.</summary>
public sealed class FileIntakeOptionsTests
{
    [Theory]
    [InlineData("Gateway:Intake:Stations:0:Parameters:Flow_in:Code", "Flow", "'Flow', which is not in the parameter catalog")]
    [InlineData("Gateway:Intake:Stations:0:Parameters:Flow_in:Factor", "0", "finite number other than 0")]
    [InlineData("Gateway:Intake:Stations:0:Station", "_gw", "not a valid identifier")]
    [InlineData("Gateway:Intake:Stations:0:FileStation", "NUOC01", "not a file station code")]
    [InlineData("Gateway:Intake:Stations:1:FileStation", "tn_ybwwtp_nuoc01", "listed twice")]
    [InlineData("Gateway:Intake:Stations:0:Ignore:1", "flow_IN", "both mapped and ignored")]
    [InlineData("Gateway:Intake:ArchiveDirectory", "drop", "ArchiveDirectory must differ")]
    [InlineData("Gateway:Intake:SettleTime", "02:00:00", "SettleTime")]
    [InlineData("Gateway:Intake:PollInterval", "00:00:00", "PollInterval")]
    [InlineData("Gateway:Intake:MaxFileBytes", "10", "MaxFileBytes")]
    public async Task Refuses_to_start_with_a_bad_setting(string key, string value, string message)
    {
        await using var host = new IntakeHost();
        // The generic host logs the refused start as an error: refusing to start is the scenario.
        host.Log.Expect(e => e.Is("HostedServiceStartupFaulted") && e.Exception is OptionsValidationException, "the bad setting stops the start");
        host.Settings[key] = value;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_off_without_a_drop_directory()
    {
        await using var host = new IntakeHost();
        host.Settings["Gateway:Intake:DropDirectory"] = "";
        host.DropFile(StationFiles.Name, StationFiles.Illustration);

        await host.StartAsync();

        await host.Log.WaitForAsync(e => e.Is("Off"), IntakeHost.Patience, "the intake said it is off");
        Assert.False(Directory.Exists(host.Archive));
        Assert.Equal(0, host.Counters.Scans);
    }

    [Fact]
    public async Task Binds_defaults_and_places_archive_and_rejected_under_the_drop_folder()
    {
        await using var host = new IntakeHost();
        host.Settings.Remove("Gateway:Intake:SettleTime");
        host.Settings.Remove("Gateway:Intake:PollInterval");
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<FileIntakeOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 1024L * 1024), (options.SettleTime, options.PollInterval, options.MaxFileBytes));
        Assert.Equal(2, options.Stations.Count);
        Assert.Equal(("FlowOut", 3.6, "l/s"), (options.Stations[1].Parameters["Flow_lps"].Code, options.Stations[1].Parameters["Flow_lps"].Factor, options.Stations[1].Parameters["Flow_lps"].Unit));
        await host.UntilStartedAsync();
        Assert.True(Directory.Exists(host.Archive));
        Assert.True(Directory.Exists(host.Rejected));
    }

    [Fact]
    public async Task Uses_configured_archive_and_rejected_folders()
    {
        await using var host = new IntakeHost();
        host.Settings["Gateway:Intake:ArchiveDirectory"] = "kept";
        host.Settings["Gateway:Intake:RejectedDirectory"] = Path.Combine(host.Root, "refused");
        host.Log.ExpectEvent("Rejected", "bad.txt is rejected on purpose, to see where it goes");
        await host.StartAsync();

        host.DropFile(StationFiles.Name, StationFiles.Illustration);
        host.DropFile("bad.txt", "x");
        await EnvMonitoring.Testing.Eventually.UntilAsync(
            () => File.Exists(Path.Combine(host.Root, "kept", "2025", "03", "15", StationFiles.Name)) &&
                File.Exists(Path.Combine(host.Root, "refused", "bad.txt.reason.txt")),
            IntakeHost.Patience, "the files are in the configured folders");
    }
}
