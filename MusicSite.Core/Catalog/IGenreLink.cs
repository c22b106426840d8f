namespace MusicSite.Catalog;

/// <summary>A link from a track or an album to one genre of the tree.</summary>
public interface IGenreLink
{
    int GenreId { get; set; }
}
