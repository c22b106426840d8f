namespace MusicSite.Admin;

/// <summary>The warning thresholds and how the figures behind them are measured (section "Monitoring"). A figure
/// above its limit raises a warning: it shows on the dashboard and mails the admins once, until it clears.</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>Share of the data directory's disk in use, in percent.</summary>
    public double DiskUsedPercent { get; set; } = 80;
    /// <summary>Tracks and stems pending or processing.</summary>
    public int QueueDepth { get; set; } = 100;
    /// <summary>Share of the uploads of the last <see cref="UploadWindowHours"/> hours whose processing failed, in percent.</summary>
    public double UploadFailureRatePercent { get; set; } = 20;
    /// <summary>Share of this node's requests of the last <see cref="RequestWindowMinutes"/> minutes answered 5xx, in percent.</summary>
    public double ErrorRatePercent { get; set; } = 5;
    /// <summary>95th percentile of this node's request times over the last <see cref="RequestWindowMinutes"/> minutes.</summary>
    public double P95LatencyMs { get; set; } = 2000;

    /// <summary>How often the background check runs (the dashboard also checks when it loads).</summary>
    public int CheckIntervalSeconds { get; set; } = 60;
    /// <summary>The window of the request figures (latency, error rate).</summary>
    public int RequestWindowMinutes { get; set; } = 5;
    /// <summary>The window of the upload failure rate.</summary>
    public int UploadWindowHours { get; set; } = 24;
    /// <summary>Fewer requests than this in the window give no latency or error rate (one slow request is no trend).</summary>
    public int MinimumRequests { get; set; } = 20;
    /// <summary>Fewer uploads than this in the window give no failure rate.</summary>
    public int MinimumUploads { get; set; } = 5;
}
