using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;

namespace MusicSite.Admin;

/// <summary>The operations figures at <see cref="At"/> (UTC). <see cref="UploadFailureRatePercent"/> is null with
/// fewer uploads in its window than <see cref="MonitoringOptions.MinimumUploads"/>.</summary>
public sealed record OpsFigures(DateTime At, int Uploads, int FailedUploads, double? UploadFailureRatePercent, int QueueDepth,
    RequestFigures Requests, DiskUse Disk);

/// <summary>One figure against its threshold. <see cref="Value"/> null: not enough data, so never crossed.</summary>
public sealed record OpsCheck(string Key, string Label, double? Value, double Threshold, string Unit)
{
    public bool Crossed => Value is { } value && value > Threshold;

    /// <summary>"Disk use is 85.2 %, above the threshold of 80 %".</summary>
    public string Sentence => $"{Label} is {Show(Value)}, above the threshold of {Show(Threshold)}";

    public string Show(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + Unit : "not measured";
}

/// <summary>
/// The one owner of the operations figures and of what each threshold compares: the upload failure rate (uploads
/// of tracks and stems in the window whose processing failed; files refused before a row was made are not
/// uploads), the processing queue (<see cref="SiteFigures.QueueAsync"/>), this node's p95 request time and 5xx share
/// (<see cref="RequestMetrics"/>), and the disk use of the data directory.
/// </summary>
public sealed class OpsMetrics(MusicSiteDbContext db, SiteFigures figures, RequestMetrics requests, TimeProvider clock,
    IOptions<MonitoringOptions> monitoring, IOptions<MusicSiteOptions> site)
{
    public const string Disk = "disk", Queue = "queue", UploadFailures = "upload_failures", ErrorRate = "error_rate", Latency = "p95_latency";

    public async Task<OpsFigures> MeasureAsync(CancellationToken cancellationToken)
    {
        var settings = monitoring.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddHours(-Math.Max(1, settings.UploadWindowHours));
        var tracks = await db.Tracks.Where(t => t.CreatedAt >= since).GroupBy(t => t.State == TrackState.Failed)
            .Select(g => new { Failed = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var stems = await db.Stems.Where(s => s.CreatedAt >= since).GroupBy(s => s.State == TrackState.Failed)
            .Select(g => new { Failed = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var uploads = tracks.Sum(t => t.Count) + stems.Sum(s => s.Count);
        var failed = tracks.Where(t => t.Failed).Sum(t => t.Count) + stems.Where(s => s.Failed).Sum(s => s.Count);
        double? rate = uploads > 0 && uploads >= settings.MinimumUploads ? Math.Round(100.0 * failed / uploads, 1) : null;
        var queue = await figures.QueueAsync(cancellationToken);
        return new OpsFigures(now, uploads, failed, rate, queue.Depth,
            requests.Measure(TimeSpan.FromMinutes(Math.Max(1, settings.RequestWindowMinutes)), settings.MinimumRequests),
            DiskUse.Of(site.Value.Paths));
    }

    /// <summary>Each figure against its configured threshold, in a fixed order.</summary>
    public IReadOnlyList<OpsCheck> Checks(OpsFigures measured)
    {
        var limits = monitoring.Value;
        return
        [
            new(Disk, "Disk use", measured.Disk.UsedPercent, limits.DiskUsedPercent, " %"),
            new(Queue, "Processing queue", measured.QueueDepth, limits.QueueDepth, ""),
            new(UploadFailures, "Upload failure rate", measured.UploadFailureRatePercent, limits.UploadFailureRatePercent, " %"),
            new(ErrorRate, "Error rate (5xx)", measured.Requests.ErrorRatePercent, limits.ErrorRatePercent, " %"),
            new(Latency, "p95 request time", measured.Requests.P95LatencyMs, limits.P95LatencyMs, " ms"),
        ];
    }
}
