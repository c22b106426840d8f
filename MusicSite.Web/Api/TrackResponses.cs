using MusicSite.Attribution;
using MusicSite.Catalog;
using MusicSite.Community;
using MusicSite.Web.Hosting;

namespace MusicSite.Web.Api;

/// <summary>Track JSON as the API answers it: every track in a list or alone carries <c>stats</c> and <c>urls</c>.
/// A list's counts come from one grouped query for the whole page (<see cref="TrackStatistics"/>); for a signed-in
/// viewer, <c>stats.liked</c> from one more (<see cref="Likes.LikedAmongAsync"/>).</summary>
public sealed class TrackResponses(TrackStatistics statistics, Likes likes, Lineage lineage, SiteAddress site)
{
    public async Task<IReadOnlyList<TrackSummary>> ListAsync(IReadOnlyList<TrackSummary> tracks, CancellationToken cancellationToken,
        Viewer? viewer = null)
    {
        var ids = tracks.Select(t => t.Id).ToList();
        var stats = await statistics.ForAsync(ids, cancellationToken);
        var liked = await likes.LikedAmongAsync(viewer?.UserId, ids, cancellationToken);
        return tracks.Select(t => t with
            {
                Stats = WithLiked(stats.GetValueOrDefault(t.Id, TrackStats.None), viewer, liked.Contains(t.Id)),
                Urls = TrackUrls.For(site.BaseUrl, t.Id, t.UpdatedAt),
            })
            .ToList();
    }

    /// <summary>One track with stats and urls, and, given the viewer, its <c>credits</c> (masked for that viewer)
    /// and whether they like it.</summary>
    public async Task<TrackDetail> DetailAsync(TrackDetail track, CancellationToken cancellationToken, Viewer? viewer = null)
    {
        var liked = await likes.LikedAmongAsync(viewer?.UserId, [track.Id], cancellationToken);
        var stats = WithLiked(await statistics.ForAsync(track.Id, cancellationToken), viewer, liked.Contains(track.Id));
        var detail = track with { Stats = stats, Urls = TrackUrls.For(site.BaseUrl, track.Id, track.UpdatedAt) };
        return viewer is not null && await lineage.CreditsAsync(track.Id, viewer, cancellationToken) is { } credits
            ? detail with { Credits = LineageUrls.With(site.BaseUrl, credits) }
            : detail;
    }

    private static TrackStats WithLiked(TrackStats stats, Viewer? viewer, bool liked) =>
        viewer?.UserId is null ? stats : stats with { Liked = liked };
}
