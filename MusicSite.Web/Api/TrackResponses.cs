using MusicSite.Catalog;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Api;

/// <summary>Track JSON as the API answers it: every track in a list or alone carries <c>stats</c> and <c>urls</c>.
/// A list's counts come from one grouped query for the whole page (<see cref="TrackStatistics"/>).</summary>
public sealed class TrackResponses(TrackStatistics statistics, SiteAddress site)
{
    public async Task<IReadOnlyList<TrackSummary>> ListAsync(IReadOnlyList<TrackSummary> tracks, CancellationToken cancellationToken)
    {
        var stats = await statistics.ForAsync(tracks.Select(t => t.Id).ToList(), cancellationToken);
        return tracks.Select(t => t with { Stats = stats.GetValueOrDefault(t.Id, TrackStats.None), Urls = TrackUrls.For(site.BaseUrl, t.Id, t.UpdatedAt) })
            .ToList();
    }

    public async Task<TrackDetail> DetailAsync(TrackDetail track, CancellationToken cancellationToken) =>
        track with { Stats = await statistics.ForAsync(track.Id, cancellationToken), Urls = TrackUrls.For(site.BaseUrl, track.Id, track.UpdatedAt) };
}
