using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Attribution;

/// <summary>The stems a viewer may know of.</summary>
public sealed class StemCatalog(MusicSiteDbContext db, TrackCatalog tracks)
{
    /// <summary>The one rule for seeing a stem: it is not deleted, and its source track is visible to the viewer
    /// (<see cref="TrackCatalog"/>'s rule). Whether it is ready is the caller's concern.</summary>
    internal IQueryable<Stem> Visible(Viewer viewer)
    {
        var visibleTracks = tracks.Visible(viewer);
        return db.Stems.Where(s => s.DeletedAt == null && visibleTracks.Any(t => t.Id == s.TrackId));
    }
}
