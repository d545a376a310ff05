namespace FastXray.Cli.Memory;

/// <summary>
/// Admission for workers that run images at once (<c>batch --jobs</c>, <c>tutorial --jobs</c>): a worker reserves
/// its image's planned bytes before it reads the file and waits while others hold too much of the budget.
/// </summary>
/// <remarks>
/// No deadlock: each worker holds at most one reservation, and a reservation is always granted when nothing else
/// is held (every plan was checked against the whole budget first), so some worker always makes progress. The
/// outputs do not depend on the order this imposes: each image is computed alone, as before.
/// </remarks>
internal sealed class MemoryGate(MemoryBudget budget)
{
    private readonly object _lock = new();
    private long _held;

    public MemoryBudget Budget { get; } = budget;

    /// <summary>Bytes currently reserved (tests).</summary>
    public long Held
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>
    /// Checks <paramref name="plan"/> against the whole budget (the one-line refusal when it cannot fit even alone),
    /// then waits until it fits beside the other reservations, or until <paramref name="cancellation"/> is cancelled
    /// (<see cref="OperationCanceledException"/>).
    /// </summary>
    public Reservation Reserve(MemoryPlan plan, string display, CancellationToken cancellation = default)
    {
        Budget.Require(plan, display);
        long bytes = plan.Total;

        // A signal must wake a waiting worker at once, not when the images still running are abandoned: the
        // registration pulses the waiters, which then see the token. It takes the lock, so it cannot pulse between
        // a waiter's token check and its Wait.
        using CancellationTokenRegistration wake = cancellation.Register(PulseWaiters);
        lock (_lock)
        {
            while (_held > 0 && _held > Budget.Bytes - bytes)
            {
                cancellation.ThrowIfCancellationRequested();
                Monitor.Wait(_lock);
            }

            _held += bytes;
        }

        return new Reservation(this, bytes);
    }

    private void PulseWaiters()
    {
        lock (_lock)
        {
            Monitor.PulseAll(_lock);
        }
    }

    private void Release(long bytes)
    {
        lock (_lock)
        {
            _held -= bytes;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Gives the bytes back when disposed.</summary>
    internal sealed class Reservation(MemoryGate gate, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release(bytes);
            }
        }
    }
}
