using Microsoft.AspNetCore.Http.HttpResults;
using MusicSite.Admin;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

/// <summary>GET /api/admin/stats: the dashboard's key numbers and its four series.</summary>
public sealed record AdminStats(DateTime At, SiteCounts Counts, StorageFigures Storage, PlayWindows Plays, QueueFigures Queue,
    SiteChartSet Series);

/// <summary>GET /api/admin/metrics: the operations figures, each against its threshold, and the warnings raised now.</summary>
public sealed record AdminMetrics(DateTime At, OpsFigures Figures, IReadOnlyList<OpsCheck> Checks, IReadOnlyList<OpsAlert> Warnings);

/// <summary>The admin dashboard's data as JSON: the same owners as the /admin page (<see cref="SiteFigures"/>,
/// <see cref="SiteCharts"/>, <see cref="OpsWarnings"/>). Reading the metrics runs a check, as opening the page does.</summary>
public static class AdminStatsApi
{
    public static RouteGroupBuilder MapAdminStatsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("", "Admin dashboard").RequireRateLimiting(RateLimits.Reads);
        group.MapGet("/stats", StatsAsync);
        group.MapGet("/metrics", MetricsAsync);
        return group;
    }

    public static async Task<Ok<AdminStats>> StatsAsync(SiteFigures figures, SiteCharts charts, CancellationToken cancellationToken)
    {
        var measured = await figures.MeasureAsync(cancellationToken);
        return TypedResults.Ok(new AdminStats(measured.At, measured.Counts, measured.Storage, measured.Plays, measured.Queue,
            await charts.BuildAsync(cancellationToken)));
    }

    public static async Task<Ok<AdminMetrics>> MetricsAsync(OpsWarnings warnings, CancellationToken cancellationToken)
    {
        var status = await warnings.CheckAsync(cancellationToken);
        return TypedResults.Ok(new AdminMetrics(status.Figures.At, status.Figures, status.Checks, status.Raised));
    }
}
