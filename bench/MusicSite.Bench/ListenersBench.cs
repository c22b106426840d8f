using System.Diagnostics;
using System.Globalization;

/// <summary>
/// Slow listeners: <c>count</c> connections to one stream, opened at once, each reading at <c>bytesPerSecond</c> (a player
/// at 320 kbit/s reads 40 KB/s) for <c>seconds</c>, while the site's memory is read from /proc every 250 ms. An error
/// is any answer other than 2xx and any connection that fails (a reset, a closed stream) before the time is up.
/// </summary>
static class ListenersBench
{
    private sealed record Outcome(long Bytes, double Seconds, string? Error);

    public static async Task RunAsync(string url, int count, int bytesPerSecond, int seconds, int sitePid)
    {
        var before = Memory(sitePid);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var peakRss = 0L;
        var polling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peakRss = Math.Max(peakRss, Memory(sitePid).Rss);
                await Task.Delay(250, CancellationToken.None);
            }
        });
        var outcomes = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => ListenAsync(client, url, bytesPerSecond, stop.Token))));
        await polling;
        var after = Memory(sitePid);

        var errors = outcomes.Where(o => o.Error is not null).ToList();
        var rates = outcomes.Where(o => o.Error is null).Select(o => o.Bytes / o.Seconds / 1024).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"listeners: {count} at {bytesPerSecond / 1024.0:0.#} KiB/s ({bytesPerSecond * 8 / 1024.0:0} kbit/s) for {seconds} s: errors {errors.Count}; " +
            $"read per listener min {(rates.Count > 0 ? rates[0] : 0):0.0} KiB/s, median {(rates.Count > 0 ? rates[rates.Count / 2] : 0):0.0} KiB/s"));
        foreach (var group in errors.GroupBy(e => e.Error).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"listeners:   {group.Count()} x {group.Key}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"listeners: site memory (RSS) {before.Rss / 1048576.0:0} MB before, peak {peakRss / 1048576.0:0} MB during, " +
            $"{after.Rss / 1048576.0:0} MB after; its high-water mark (VmHWM, since start) {after.Hwm / 1048576.0:0} MB"));
    }

    private static async Task<Outcome> ListenAsync(HttpClient client, string url, int bytesPerSecond, CancellationToken stop)
    {
        var watch = Stopwatch.StartNew();
        long bytes = 0;
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stop);
            if (!response.IsSuccessStatusCode)
            {
                return new Outcome(0, watch.Elapsed.TotalSeconds, $"HTTP {(int)response.StatusCode}");
            }
            await using var body = await response.Content.ReadAsStreamAsync(stop);
            var buffer = new byte[8192];
            watch.Restart();
            while (true)
            {
                // Like a player: read a buffer's worth once the rate allows it, and wait in between.
                var due = (long)(watch.Elapsed.TotalSeconds * bytesPerSecond) - bytes;
                if (due < buffer.Length)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)(buffer.Length - due) / bytesPerSecond), stop);
                    continue;
                }
                var read = await body.ReadAsync(buffer, stop);
                if (read == 0)
                {
                    return new Outcome(bytes, watch.Elapsed.TotalSeconds, null);
                }
                bytes += read;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return new Outcome(bytes, watch.Elapsed.TotalSeconds, null);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new Outcome(bytes, watch.Elapsed.TotalSeconds, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The process's resident set and its high-water mark, in bytes, from /proc/{pid}/status.</summary>
    private static (long Rss, long Hwm) Memory(int pid)
    {
        long Read(string[] lines, string key) =>
            long.Parse(lines.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                CultureInfo.InvariantCulture) * 1024;
        var status = File.ReadAllLines($"/proc/{pid}/status");
        return (Read(status, "VmRSS:"), Read(status, "VmHWM:"));
    }
}
