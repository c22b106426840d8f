using System.Linq.Expressions;

namespace MusicSite.Catalog;

/// <summary>
/// Who is asking, and the one owner of what a user may do: lists and lookups show public tracks, plus the
/// viewer's own, plus all to admins; the owner of a thing or an admin may change it; artists and admins upload.
/// </summary>
public sealed record Viewer(int? UserId, bool IsAdmin, bool IsArtist = false)
{
    public static readonly Viewer Anonymous = new(null, false);

    /// <summary>Artists and admins may upload tracks and make albums.</summary>
    public bool MayUpload => IsArtist || IsAdmin;

    /// <summary>The owner of a thing, or an admin.</summary>
    public bool MayManage(int ownerId) => IsAdmin || UserId == ownerId;

    /// <summary>Anyone, when the artist allowed downloads; otherwise the uploader and admins.</summary>
    public bool MayDownload(bool isDownloadable, int uploaderId) => isDownloadable || MayManage(uploaderId);

    public bool MayDownload(Track track) => MayDownload(track.IsDownloadable, track.UploaderId);

    public bool MayDownload(TrackDetail track) => MayDownload(track.IsDownloadable, track.Uploader.Id);

    /// <summary>The rows of <paramref name="items"/> this viewer may manage: <see cref="MayManage"/> for a query.</summary>
    public IQueryable<T> Managed<T>(IQueryable<T> items, Expression<Func<T, int>> ownerId)
    {
        if (IsAdmin)
        {
            return items;
        }
        var userId = UserId ?? 0; // ids start at 1: an anonymous viewer manages nothing
        Expression<Func<int>> id = () => userId;
        return items.Where(Expression.Lambda<Func<T, bool>>(Expression.Equal(ownerId.Body, id.Body), ownerId.Parameters));
    }
}
