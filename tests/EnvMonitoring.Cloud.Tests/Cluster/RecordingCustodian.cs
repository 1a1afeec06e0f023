using EnvMonitoring.Cloud.Cluster;

namespace EnvMonitoring.Cloud.Tests.Cluster;

/// <summary>
/// A custodian that writes each call into the <see cref="CustodyJournal"/>; its take-up can be made
/// slow (<see cref="TakeUpTime"/>) or failing (<see cref="FailTakeUp"/>), and it records what
/// <see cref="IParkOwnership.Owns"/> said during its calls.
/// </summary>
internal sealed class RecordingCustodian(string instance, CustodyJournal journal) : IParkCustodian
{
    private int _cancelledTakeUps;

    /// <summary>How long each take-up takes (on the real clock).</summary>
    public TimeSpan TakeUpTime { get; set; }

    /// <summary>When it returns true for a park, the take-up throws.</summary>
    public Func<string, bool> FailTakeUp { get; set; } = _ => false;

    /// <summary>Called at the start of each take-up (e.g. to look at Redis meanwhile).</summary>
    public Func<string, Task> DuringTakeUp { get; set; } = _ => Task.CompletedTask;

    public IParkOwnership? Ownership { get; set; }

    /// <summary>Whether the ownership claimed a park while its custodian was taking it up or handing it over: it must not.</summary>
    public bool OwnedDuringCalls { get; private set; }

    public int CancelledTakeUps => Volatile.Read(ref _cancelledTakeUps);

    public async Task TakeUpAsync(string park, CancellationToken cancellationToken)
    {
        journal.Add(instance, park, CustodyStep.TakeUpStarted);
        Check(park);
        try
        {
            await DuringTakeUp(park);
            if (TakeUpTime > TimeSpan.Zero)
            {
                await Task.Delay(TakeUpTime, cancellationToken);
            }

            if (FailTakeUp(park))
            {
                throw new InvalidOperationException($"{instance} cannot read {park}'s state (the test says so).");
            }
        }
        catch (Exception e)
        {
            if (e is OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelledTakeUps);
            }

            journal.Add(instance, park, CustodyStep.TakeUpFailed);
            throw;
        }

        Check(park);
        journal.Add(instance, park, CustodyStep.TakenUp);
    }

    public Task HandOverAsync(string park, bool leaseLost, CancellationToken cancellationToken)
    {
        journal.Add(instance, park, CustodyStep.HandOverStarted, leaseLost);
        Check(park);
        journal.Add(instance, park, CustodyStep.HandedOver, leaseLost);
        return Task.CompletedTask;
    }

    private void Check(string park) => OwnedDuringCalls |= Ownership?.Owns(park) == true;
}
