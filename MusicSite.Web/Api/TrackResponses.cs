using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Api;

/// <summary>Track JSON as the API answers it: every track in a list or alone carries <c>stats</c> and <c>urls</c>.
/// A list's counts come from one grouped query for the whole page (<see cref="TrackStatistics"/>).</summary>
public sealed class TrackResponses(TrackStatistics statistics, Lineage lineage, SiteAddress site)
{
    public async Task<IReadOnlyList<TrackSummary>> ListAsync(IReadOnlyList<TrackSummary> tracks, CancellationToken cancellationToken)
    {
        var stats = await statistics.ForAsync(tracks.Select(t => t.Id).ToList(), cancellationToken);
        return tracks.Select(t => t with { Stats = stats.GetValueOrDefault(t.Id, TrackStats.None), Urls = TrackUrls.For(site.BaseUrl, t.Id, t.UpdatedAt) })
            .ToList();
    }

    /// <summary>One track with stats and urls, and, given the viewer, its <c>credits</c> (masked for that viewer).</summary>
    public async Task<TrackDetail> DetailAsync(TrackDetail track, CancellationToken cancellationToken, Viewer? viewer = null)
    {
        var detail = track with { Stats = await statistics.ForAsync(track.Id, cancellationToken), Urls = TrackUrls.For(site.BaseUrl, track.Id, track.UpdatedAt) };
        return viewer is not null && await lineage.CreditsAsync(track.Id, viewer, cancellationToken) is { } credits
            ? detail with { Credits = LineageUrls.With(site.BaseUrl, credits) }
            : detail;
    }
}
