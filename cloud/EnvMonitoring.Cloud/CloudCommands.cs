using EnvMonitoring.Cloud.Admin;
using EnvMonitoring.Cloud.Backtest;
using EnvMonitoring.Cloud.Seals;
using EnvMonitoring.Protocol.Security;

namespace EnvMonitoring.Cloud;

/// <summary>The host's one-shot commands (<c>EnvMonitoring.Cloud &lt;command&gt; …</c>), run instead of the host; the launcher's <c>./envmon</c> commands call them.</summary>
public static class CloudCommands
{
    /// <summary>The command's exit code, or null when the arguments name no command (start the host).</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args switch
        {
            [BacktestCommand.Name, .. var rest] => await BacktestCommand.RunFromConsoleAsync(rest),
            [VerifySealsCommand.Name, .. var rest] => await VerifySealsCommand.RunAsync(rest, Console.Out, Console.Error, CancellationToken.None),
            [SealKeysCommand.Name, .. var rest] => SealKeysCommand.Run(rest, Console.Out, Console.Error),
            // Parks and stations of the configuration store to and from a stations file (docs/configuration.md).
            [ConfigCommand.Name, .. var rest] => await ConfigCommand.RunAsync(rest, Console.Out, Console.Error, CancellationToken.None),
            // For Security:Users:N:PasswordHash.
            ["hash-password", ..] => await PasswordHash.RunCommandAsync(args, "EnvMonitoring.Cloud", Console.In, Console.Out, Console.Error),
            // The private CA and listener certificates of ./envmon run (docs/security.md, TLS).
            [CertificatesCommand.Name, .. var rest] => CertificatesCommand.Run(rest, Console.Out, Console.Error),
            _ => null,
        };
    }
}
