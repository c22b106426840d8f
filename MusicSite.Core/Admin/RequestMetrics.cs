namespace MusicSite.Admin;

/// <summary>This node's requests over a window: how many, the 95th percentile of their times, and the share answered 5xx.
/// Null figures mean too few requests to say.</summary>
public sealed record RequestFigures(int Requests, int ServerErrors, double? P95LatencyMs, double? ErrorRatePercent);

/// <summary>
/// The one collector of per-node request metrics: a bounded ring of the last <see cref="Capacity"/> requests
/// (time, duration, status), filled by the web host's middleware and read over a time window. Memory stays fixed
/// whatever the traffic; under heavy load the window holds the most recent <see cref="Capacity"/> requests.
/// </summary>
public sealed class RequestMetrics(TimeProvider clock)
{
    public const int Capacity = 10_000;

    private readonly record struct Sample(DateTimeOffset At, double Milliseconds, bool ServerError);

    private readonly Sample[] _ring = new Sample[Capacity];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public void Record(double milliseconds, int statusCode)
    {
        var sample = new Sample(clock.GetUtcNow(), milliseconds, statusCode >= 500);
        lock (_lock)
        {
            _ring[_next] = sample;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>The requests of the last <paramref name="window"/>; rates only from <paramref name="minimumRequests"/> on.</summary>
    public RequestFigures Measure(TimeSpan window, int minimumRequests)
    {
        var since = clock.GetUtcNow() - window;
        List<Sample> recent;
        lock (_lock)
        {
            recent = new List<Sample>(_count);
            for (var i = 0; i < _count; i++)
            {
                var sample = _ring[(_next - 1 - i + Capacity) % Capacity];
                if (sample.At >= since)
                {
                    recent.Add(sample);
                }
            }
        }
        var errors = recent.Count(s => s.ServerError);
        if (recent.Count == 0 || recent.Count < minimumRequests)
        {
            return new RequestFigures(recent.Count, errors, null, null);
        }
        return new RequestFigures(recent.Count, errors, Math.Round(P95(recent.Select(s => s.Milliseconds)), 1),
            Math.Round(100.0 * errors / recent.Count, 1));
    }

    /// <summary>The nearest-rank 95th percentile: the smallest value that at least 95 % of the values do not exceed.</summary>
    public static double P95(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
    }
}
