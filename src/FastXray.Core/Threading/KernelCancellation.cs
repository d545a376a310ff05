namespace FastXray.Threading;

/// <summary>
/// Cooperative cancellation for long image operations without a token parameter on every kernel signature:
/// a caller installs a token for the current execution context with <see cref="Enter"/>, and the row-band
/// scheduler (<see cref="RowBands"/>, between bands) and whole-image kernels (every few rows, between
/// iterations) call <see cref="ThrowIfRequested"/>, which throws <see cref="OperationCanceledException"/>
/// once the token is cancelled.
/// </summary>
/// <remarks>
/// <para>The token flows like any <see cref="AsyncLocal{T}"/> value: into threads, tasks and
/// <c>Parallel</c> loops started inside the scope, never into other callers (so concurrent callers with
/// different tokens do not see each other's). Row-band work items do not flow the execution context; the
/// scheduler captures the checkpoint itself and checks it before every band.</para>
/// <para>Cost: with no scope anywhere in the process a check is one volatile read, so the library without
/// cancellation pays nothing measurable and allocates nothing. Inside a scope a check reads the
/// <see cref="AsyncLocal{T}"/> (no allocation); only <see cref="Enter"/> allocates.</para>
/// </remarks>
public static class KernelCancellation
{
    private static readonly AsyncLocal<Checkpoint?> s_current = new();

    // Number of open scopes in the process: lets a check skip the AsyncLocal lookup when nobody cancels.
    private static int s_scopes;

    /// <summary>
    /// Makes <paramref name="token"/> the cancellation of every check in the current execution context until
    /// the returned scope is disposed (on the same context). <paramref name="onCheck"/>, when given, runs at
    /// every check before the token is tested, on whichever thread checks (a test hook can block there).
    /// </summary>
    public static IDisposable Enter(CancellationToken token, Action? onCheck = null)
    {
        var scope = new Scope(s_current.Value);
        s_current.Value = new Checkpoint(token, onCheck);
        Interlocked.Increment(ref s_scopes);
        return scope;
    }

    /// <summary>Throws <see cref="OperationCanceledException"/> when the ambient token is cancelled.</summary>
    public static void ThrowIfRequested()
    {
        if (Volatile.Read(ref s_scopes) != 0)
        {
            s_current.Value?.Check();
        }
    }

    /// <summary>
    /// The ambient token (<see cref="CancellationToken.None"/> outside a scope), for code that hands work to
    /// <c>Parallel</c> loops: with it in <c>ParallelOptions</c> no further iteration starts once cancelled.
    /// </summary>
    public static CancellationToken Token => Current?.Token ?? default;

    /// <summary>The ambient checkpoint, or null when no scope is open here.</summary>
    internal static Checkpoint? Current => Volatile.Read(ref s_scopes) == 0 ? null : s_current.Value;

    private sealed class Scope(Checkpoint? previous) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                s_current.Value = previous;
                Interlocked.Decrement(ref s_scopes);
            }
        }
    }
}

/// <summary>One installed token plus its optional hook; shared by every thread that checks it.</summary>
internal sealed class Checkpoint(CancellationToken token, Action? onCheck)
{
    public CancellationToken Token => token;

    public void Check()
    {
        onCheck?.Invoke();
        token.ThrowIfCancellationRequested();
    }
}
