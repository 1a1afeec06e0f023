using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using EnvMonitoring.Cloud.Security;
using EnvMonitoring.Protocol.Security;
using Microsoft.Extensions.Time.Testing;

namespace EnvMonitoring.Cloud.Tests.Security;

/// <summary>Issue 14, item 6: who sees which parks, from configuration to the principal and back.</summary>
public sealed class ParkScopeTests
{
    private static readonly string Hash = PasswordHash.Create("pw-1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_user_configured_without_parks_sees_every_park_and_stations_of_no_known_park()
    {
        var scope = ParkScope.Of(SignIn(User("province-officer")));

        Assert.True(scope.IsAll);
        Assert.True(scope.Allows("YenBinh"));
        Assert.True(scope.Allows(null), "an unregistered station is province staff's to see");
        Assert.Empty(scope.Parks);
    }

    [Fact]
    public void A_user_bound_to_parks_sees_those_parks_and_nothing_else()
    {
        var principal = SignIn(User("park-officer", "YenBinh", "SongCong2", "YenBinh"));
        var scope = ParkScope.Of(principal);

        Assert.False(scope.IsAll);
        Assert.Equal(["SongCong2", "YenBinh"], scope.Parks);
        Assert.Equal(2, principal.FindAll(ParkScope.ClaimType).Count());
        Assert.True(scope.Allows("YenBinh"));
        Assert.True(scope.Allows("SongCong2"));
        Assert.False(scope.Allows("DiemThuy"));
        Assert.False(scope.Allows("yenbinh"), "park ids are compared exactly, as everywhere else");
        Assert.False(scope.Allows(null), "a station of no known park is not theirs");
        Assert.False(scope.Allows(""));
    }

    [Fact]
    public void Changing_a_users_parks_changes_their_stamp_so_their_sessions_end()
    {
        var users = new UserDirectory([User("officer", "YenBinh")], _time);
        var before = users.StampOf("officer");

        users.Replace([User("officer", "YenBinh", "DiemThuy")]);
        var widened = users.StampOf("officer");
        users.Replace([User("officer")]);
        var everyPark = users.StampOf("officer");
        users.Replace([User("officer", "DiemThuy", "YenBinh")]);

        Assert.NotEqual(before, widened);
        Assert.NotEqual(widened, everyPark);
        Assert.NotEqual(before, everyPark);
        Assert.Equal(widened, users.StampOf("officer"));
    }

    [Fact]
    public void An_all_parks_users_stamp_is_what_it_was_before_parks_existed_so_an_upgrade_signs_nobody_out()
    {
        var user = User("officer");
        var users = new UserDirectory([user], _time);

        // The stamp's formula before issue 14, item 6: name, hash, state and roles.
        var before = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", "officer", Hash, "enabled", "operator"))))[..16];
        Assert.Equal(before, users.StampOf("officer"));
    }

    [Fact]
    public void A_park_that_is_not_an_identifier_stops_the_host_naming_the_user()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new UserDirectory([User("officer", "YenBinh", "Yen Binh")], _time));

        Assert.Contains("Security:Users:0 (officer): the park 'Yen Binh' is not a valid identifier", error.Message, StringComparison.Ordinal);
    }

    private static UserDefinition User(string name, params string[] parks) =>
        new() { Name = name, PasswordHash = Hash, Roles = ["operator"], Parks = [.. parks] };

    private ClaimsPrincipal SignIn(UserDefinition user) =>
        new UserDirectory([user], _time).SignIn(user.Name, "pw-1", "test") ?? throw new InvalidOperationException("the password is right");
}
