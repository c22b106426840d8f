namespace MusicSite.Tests.Infrastructure;

public sealed class EventuallyTests
{
    [Fact]
    public async Task Until_ConditionHolds_ReturnsTheAcceptedValue()
    {
        var calls = 0;
        var value = await Eventually.Until("the third call", () => Task.FromResult(++calls), n => n == 3);
        Assert.Equal(3, value);
    }

    [Fact]
    public async Task Until_ConditionNeverHolds_ThrowsNamingTheWaitAndTheLastValue()
    {
        var calls = 0;
        var error = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.Until("a state that never comes",
            () => Task.FromResult(++calls), _ => false, TimeSpan.FromMilliseconds(300), n => $"call {n}"));

        Assert.StartsWith("Waited ", error.Message);
        Assert.Contains("for a state that never comes", error.Message);
        Assert.EndsWith($"the last observed value was: call {calls}", error.Message);
    }
}
