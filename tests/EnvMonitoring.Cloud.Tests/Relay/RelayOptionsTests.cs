using EnvMonitoring.Cloud.Relay;

namespace EnvMonitoring.Cloud.Tests.Relay;

/// <summary>A destination that cannot be served stops the host at start, naming the key at fault.</summary>
public sealed class RelayOptionsTests
{
    private static RelayDestinationOptions Valid() => new()
    {
        Name = "national",
        Protocol = RelayProtocol.Sftp,
        Host = "data.example.gov.vn",
        User = "thainguyen",
        Password = "secret",
        HostKeySha256 = "SHA256:abc",
        Stations = [new RelayStationOptions { Station = "YB-WWTP-01", Code = "TN_YBWWTP_NUOC01" }],
    };

    private static IReadOnlyList<string> Problems(params RelayDestinationOptions[] destinations)
    {
        var result = new RelayOptionsValidator().Validate(null, new RelayOptions { Destinations = [.. destinations] });
        return result.Failures?.ToList() ?? [];
    }

    [Fact]
    public void Accepts_a_complete_destination_and_none_at_all()
    {
        Assert.Empty(Problems(Valid()));
        Assert.Empty(Problems());
    }

    [Fact]
    public void Refuses_plain_ftp_unless_allowed()
    {
        var ftp = Valid();
        ftp.Protocol = RelayProtocol.Ftp;
        Assert.Contains(Problems(ftp), p => p.Contains("AllowPlainFtp", StringComparison.Ordinal));
        ftp.AllowPlainFtp = true;
        Assert.Empty(Problems(ftp));
    }

    [Fact]
    public void Refuses_sftp_without_a_pinned_host_key_or_a_secret()
    {
        var sftp = Valid();
        sftp.HostKeySha256 = null;
        sftp.Password = null;
        var problems = Problems(sftp);
        Assert.Contains(problems, p => p.Contains("HostKeySha256", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Password or PrivateKeyPath", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:07:00")]
    [InlineData("00:00:30")]
    [InlineData("2.00:00:00")]
    public void Refuses_an_interval_that_does_not_divide_a_day(string interval)
    {
        var d = Valid();
        d.Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(Problems(d), p => p.Contains(":Interval", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_bad_station_codes_unknown_parameters_layout_tokens_and_twin_names()
    {
        var d = Valid();
        d.Stations.Add(new RelayStationOptions { Station = "YB-WWTP-02", Code = "TN_YB" });
        d.Parameters["Cod"] = "COD";
        d.Layout = "{station}/{year}";
        var problems = Problems(d, Valid());
        Assert.Contains(problems, p => p.Contains("Stations:1:Code", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Parameters:Cod", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(":Layout", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("names two destinations", StringComparison.Ordinal));
    }
}
