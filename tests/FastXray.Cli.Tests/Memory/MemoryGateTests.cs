using FastXray.Cli.Memory;
using Xunit;

namespace FastXray.Cli.Tests.Memory;

/// <summary>Admission of concurrent images into one budget (batch and tutorial workers).</summary>
public sealed class MemoryGateTests
{
    private static MemoryPlan Plan(long bytes) => new MemoryPlan("test").Add("image", bytes);

    [Fact]
    public async Task A_reservation_that_does_not_fit_beside_others_waits_for_them()
    {
        var gate = new MemoryGate(new MemoryBudget(100, "test"));
        MemoryGate.Reservation first = gate.Reserve(Plan(60), "a.png");
        Task<MemoryGate.Reservation> second = Task.Run(() => gate.Reserve(Plan(60), "b.png"));
        // It cannot be granted while the first is held, however long we look.
        await Task.WhenAny(second, Task.Delay(300));
        Assert.False(second.IsCompleted);
        Assert.Equal(60, gate.Held);
        first.Dispose();
        MemoryGate.Reservation granted = await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(60, gate.Held);
        granted.Dispose();
        granted.Dispose();
        Assert.Equal(0, gate.Held);
    }

    [Fact]
    public void Reservations_that_fit_together_are_granted_at_once()
    {
        var gate = new MemoryGate(new MemoryBudget(100, "test"));
        using MemoryGate.Reservation a = gate.Reserve(Plan(40), "a.png");
        using MemoryGate.Reservation b = gate.Reserve(Plan(60), "b.png");
        Assert.Equal(100, gate.Held);
    }

    [Fact]
    public void A_plan_larger_than_the_whole_budget_is_refused_without_waiting()
    {
        var gate = new MemoryGate(new MemoryBudget(100, "test"));
        using MemoryGate.Reservation held = gate.Reserve(Plan(50), "a.png");
        var e = Assert.Throws<FileProblemException>(() => gate.Reserve(Plan(101), "big.png"));
        Assert.Equal("big.png", e.FileName);
        Assert.StartsWith("needs 101 B for test, budget 100 B", e.Problem, StringComparison.Ordinal);
        Assert.Equal(50, gate.Held);
    }

    [Fact]
    public async Task A_waiting_reservation_ends_when_the_run_is_cancelled_and_takes_nothing()
    {
        var gate = new MemoryGate(new MemoryBudget(100, "test"));
        using MemoryGate.Reservation held = gate.Reserve(Plan(80), "a.png");
        using var cancel = new CancellationTokenSource();
        Task<MemoryGate.Reservation> waiting = Task.Run(() => gate.Reserve(Plan(50), "b.png", cancel.Token));

        // Whether the cancel lands before the worker waits or while it waits, the outcome is the same: the
        // reservation can never be granted while the first is held, so only the token can end it.
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(80, gate.Held);
    }
}
