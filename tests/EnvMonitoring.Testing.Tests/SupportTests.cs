using System.ComponentModel;
using System.Net;
using System.Net.Sockets;

namespace EnvMonitoring.Testing.Tests;

public sealed class SupportTests
{
    [Fact]
    public void FreePort_returns_a_loopback_port_that_can_be_bound()
    {
        var port = FreePort.Next();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        Assert.InRange(port, 1024, 65535);
    }

    [Fact]
    public async Task Eventually_returns_once_the_condition_holds()
    {
        var calls = 0;

        await Eventually.UntilAsync(() => ++calls >= 3, TimeSpan.FromSeconds(5), "the third call");

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Eventually_times_out_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => Eventually.UntilAsync(() => Task.FromResult(false), TimeSpan.FromMilliseconds(300), "pigs fly"));

        Assert.Contains("pigs fly", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChildProcess_keeps_only_the_tail_of_its_output()
    {
        using var child = ChildProcess.Start("/usr/bin/seq", ["1", "100000"], outputCapacityChars: 4096);

        await child.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, child.ExitCode);
        Assert.EndsWith("99999\n100000\n", child.OutputTail, StringComparison.Ordinal);
        Assert.StartsWith("… (", child.OutputTail, StringComparison.Ordinal);
        Assert.InRange(child.OutputTail.Length, 1000, 4200);
    }

    [Fact]
    public async Task ChildProcess_SendSignal_delivers_SIGTERM()
    {
        using var child = ChildProcess.Start("/bin/sleep", ["600"]);

        child.SendSignal(ChildProcess.SigTerm);
        await child.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(128 + ChildProcess.SigTerm, child.ExitCode);
        Assert.Throws<Win32Exception>(() => child.SendSignal(ChildProcess.SigTerm));
    }

    [Fact]
    public async Task ChildProcess_Kill_ends_the_whole_process_tree()
    {
        using var child = ChildProcess.Start("/bin/sh", ["-c", "sleep 600 & echo $!; wait"]);
        await Eventually.UntilAsync(
            () => child.OutputTail.Length > 0, TimeSpan.FromSeconds(10), "the shell printed its child's pid");
        var grandchild = int.Parse(child.OutputTail.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync(TimeSpan.FromSeconds(10));

        await Eventually.UntilAsync(
            () => !InfluxServerTests.ProcessIsAlive(grandchild), TimeSpan.FromSeconds(10), "the grandchild is gone");
    }

    [Fact]
    public void Missing_server_binary_fails_with_the_install_command()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => ServerBinary.Resolve("no-such-server", "/nonexistent/no-such-server", "apt-get install -y no-such-server"));

        Assert.Equal("no-such-server is not installed: apt-get install -y no-such-server", error.Message);
    }
}
