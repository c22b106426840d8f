using System.Diagnostics;

/// <summary>p50 and p95 of one list in <see cref="CatalogBench"/>: up to a number of runs one after another, within a
/// time budget (at least 20 runs), after three untimed ones; non-2xx answers counted as errors.</summary>
sealed record Stats(double P50, double P95, int Count, int Errors)
{
    /// <summary>200, or CATALOG_RUNS (a quick look with fewer).</summary>
    public static readonly int Runs = int.TryParse(Environment.GetEnvironmentVariable("CATALOG_RUNS"), out var runs) ? runs : 200;
    private static readonly int AtLeast = Math.Min(20, Runs);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    public static Stats Measure(Action<int> run, int? runs = null)
    {
        for (var i = 0; i < 3; i++)
        {
            run(i);
        }
        var times = new List<double>();
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < (runs ?? Runs) && (i < AtLeast || budget.Elapsed < Budget); i++)
        {
            var watch = Stopwatch.StartNew();
            run(i);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Of(times, 0);
    }

    /// <summary>The timed runs ask for <paramref name="url"/>(<paramref name="first"/> + i): with 3, none repeats an untimed one.</summary>
    public static async Task<Stats> MeasureAsync(HttpClient client, Func<int, string> url, int? runs = null, int first = 0)
    {
        for (var i = 0; i < 3; i++)
        {
            using var warm = await client.GetAsync(url(i));
            await warm.Content.ReadAsByteArrayAsync();
        }
        var times = new List<double>();
        var errors = 0;
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < (runs ?? Runs) && (i < AtLeast || budget.Elapsed < Budget); i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url(first + i));
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            errors += response.IsSuccessStatusCode ? 0 : 1;
        }
        return Of(times, errors);
    }

    private static Stats Of(List<double> times, int errors)
    {
        times.Sort();
        return new Stats(Percentile(times, 50), Percentile(times, 95), times.Count, errors);
    }

    public static double Percentile(List<double> sorted, int p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
}
