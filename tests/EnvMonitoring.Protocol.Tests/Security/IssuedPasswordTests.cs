using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Protocol.Tests.Security;

public sealed class IssuedPasswordTests
{
    [Fact]
    public void Issued_passwords_are_long_url_safe_and_never_repeat()
    {
        var issued = Enumerable.Range(0, 1000).Select(_ => IssuedPassword.Create()).ToList();

        Assert.All(issued, p => Assert.Equal(IssuedPassword.Length, p.Length));
        Assert.True(IssuedPassword.Length >= 24, $"{IssuedPassword.Length} characters");
        Assert.All(issued, p => Assert.True(p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), p));
        Assert.Equal(issued.Count, issued.Distinct(StringComparer.Ordinal).Count());
        // Every one of the 64 characters turns up: the whole alphabet is used, not a narrower one.
        Assert.Equal(64, issued.SelectMany(p => p).Distinct().Count());
    }

    [Fact]
    public void An_issued_password_hashes_and_verifies()
    {
        var password = IssuedPassword.Create();

        Assert.True(PasswordHash.Verify(password, PasswordHash.Create(password)));
    }
}
