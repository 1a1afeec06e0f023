using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Protocol.Tests.Security;

public sealed class PasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_only()
    {
        var hash = PasswordHash.Create("s3cret-pass");
        Assert.True(PasswordHash.IsWellFormed(hash));
        Assert.True(PasswordHash.Verify("s3cret-pass", hash));
        Assert.False(PasswordHash.Verify("s3cret-pasS", hash));
        Assert.False(PasswordHash.Verify(null, hash));
        Assert.NotEqual(hash, PasswordHash.Create("s3cret-pass"));
    }

    [Fact]
    public async Task The_command_hashes_the_password_from_standard_input()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PasswordHash.RunCommandAsync(["hash-password"], "prog", new StringReader("from-stdin\n"), output, error);
        Assert.Equal(0, code);
        Assert.True(PasswordHash.Verify("from-stdin", output.ToString().Trim()));
        Assert.Empty(error.ToString());
    }

    [Fact]
    public async Task The_command_without_a_password_prints_its_usage_and_fails()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PasswordHash.RunCommandAsync(["hash-password"], "prog", new StringReader(""), output, error);
        Assert.Equal(2, code);
        Assert.Contains("usage: prog hash-password", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task The_command_hashes_each_line_of_standard_input()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await PasswordHash.RunCommandAsync(["hash-password"], "prog", new StringReader("first\nsecond\n"), output, error);

        Assert.Equal(0, code);
        var hashes = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, hashes.Length);
        Assert.True(PasswordHash.Verify("first", hashes[0]));
        Assert.True(PasswordHash.Verify("second", hashes[1]));
    }
}
