using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Cloud.Tests.Security;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SessionStoreTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("envmon-sessions-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly UserDirectory _users;

    public SessionStoreTests() =>
        _users = new UserDirectory([new UserDefinition { Name = "officer", PasswordHash = PasswordHash.Create("pw-1"), Roles = ["operator"] }], _time);

    private string File => Path.Combine(_directory.FullName, "sessions.json");

    [Fact]
    public void A_session_survives_a_restart_while_the_file_holds_only_its_hash_and_only_for_this_account()
    {
        var id = Store().Open("officer");

        var text = System.IO.File.ReadAllText(File);
        Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File));
        Assert.True(Store().Validate(id, "officer"), "a new store on the same file knows the session");
        Assert.False(Store().Validate(id, "someone-else"));
    }

    [Fact]
    public void Sign_out_idle_and_absolute_timeouts_end_a_session_and_an_open_connection_keeps_it_from_idling()
    {
        var store = Store();
        var signedOut = store.Open("officer");
        var idle = store.Open("officer");
        var watching = store.Open("officer");
        store.Connected(watching, +1);

        store.End(signedOut);
        _time.Advance(TimeSpan.FromHours(13));
        store.Sweep();

        Assert.False(store.IsOpen(signedOut));
        Assert.False(store.Validate(idle, "officer"));
        Assert.True(store.Validate(watching, "officer"), "a dashboard with its live connection open is not idle");
        _time.Advance(TimeSpan.FromDays(7));
        Assert.False(store.Validate(watching, "officer"), "seven days is the absolute limit");
        Assert.False(Store().IsOpen(signedOut), "sign-out is saved");
    }

    public void Dispose() => _directory.Delete(recursive: true);

    private SessionStore Store()
    {
        var options = new SecurityOptions { SessionsFile = File };
        return new SessionStore(_users, new StaticMonitor(options), new Environment(_directory.FullName), _time, NullLogger<SessionStore>.Instance);
    }

    private sealed class StaticMonitor(SecurityOptions value) : IOptionsMonitor<SecurityOptions>
    {
        public SecurityOptions CurrentValue => value;

        public SecurityOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SecurityOptions, string?> listener) => null;
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "EnvMonitoring.Cloud";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
