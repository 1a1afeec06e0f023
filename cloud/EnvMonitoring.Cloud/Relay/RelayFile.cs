namespace EnvMonitoring.Cloud.Relay;

/// <summary>
/// One file for a destination: the station and interval it reports, where it goes on the server
/// (<see cref="RemotePath"/>, its final name last), its Circular-10 body, and whether it corrects one sent before.
/// </summary>
internal sealed record RelayFile(string Station, DateTimeOffset Interval, string RemotePath, byte[] Content, bool Correction)
{
    public string Name => RemotePath[(RemotePath.LastIndexOf('/') + 1)..];

    public string Directory => RemotePath[..Math.Max(RemotePath.LastIndexOf('/'), 0)];
}
