using System.Diagnostics;

namespace MusicSite.Tests.Infrastructure;

/// <summary>
/// The one way tests wait for something that happens in the background (a job, a cleanup, a browser request).
/// It polls until the condition holds and, when time runs out, throws with what it waited for, the last value it
/// saw and how long it waited, so a test never goes on with a half-ready result.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Observes a value until <paramref name="isDone"/> accepts it, and returns that value.</summary>
    public static async Task<T> Until<T>(string waitingFor, Func<Task<T>> observe, Func<T, bool> isDone,
        TimeSpan? timeout = null, Func<T, string>? describe = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await observe();
            if (isDone(value))
            {
                return value;
            }
            if (clock.Elapsed >= limit)
            {
                var seen = describe is null ? value?.ToString() ?? "null" : describe(value);
                throw new TimeoutException(
                    $"Waited {clock.Elapsed.TotalSeconds:0.0} s for {waitingFor}; the last observed value was: {seen}");
            }
            await Task.Delay(Interval);
        }
    }

    /// <summary>Waits until an asynchronous condition holds.</summary>
    public static Task True(string waitingFor, Func<Task<bool>> condition, TimeSpan? timeout = null) =>
        Until(waitingFor, condition, done => done, timeout);

    /// <summary>Waits until a condition holds.</summary>
    public static Task True(string waitingFor, Func<bool> condition, TimeSpan? timeout = null) =>
        Until(waitingFor, () => Task.FromResult(condition()), done => done, timeout);
}
