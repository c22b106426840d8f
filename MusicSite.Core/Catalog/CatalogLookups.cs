using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Catalog;

/// <summary>Turns the genre and license names a form or API client sent into ids, reporting unknown ones.</summary>
public sealed class CatalogLookups(MusicSiteDbContext db)
{
    public const string DefaultLicenseCode = License.AllRightsReservedCode;

    /// <summary>Genres by slug or id (repeated values or comma-separated); unknown ones are field errors.</summary>
    public async Task<IReadOnlyList<int>> GenresAsync(IReadOnlyList<string> requested, FieldErrors errors, CancellationToken cancellationToken)
    {
        var wanted = requested.SelectMany(g => g.Split(',')).Select(g => g.Trim()).Where(g => g.Length > 0).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var ids = wanted.Select(w => int.TryParse(w, out var id) ? id : 0).Where(id => id > 0).ToList();
        var slugs = wanted.Where(w => !int.TryParse(w, out _)).Select(w => w.ToLowerInvariant()).ToList();
        var found = await db.Genres.Where(g => ids.Contains(g.Id) || slugs.Contains(g.Slug))
            .Select(g => new { g.Id, g.Slug }).ToListAsync(cancellationToken);
        foreach (var missing in wanted.Where(w => !found.Any(f => f.Slug == w.ToLowerInvariant() || f.Id.ToString() == w)))
        {
            errors.Add("genres", $"'{missing}' is not a genre of the genre tree.");
        }
        return found.Select(f => f.Id).ToList();
    }

    /// <summary>Sets the genre links of a track or album to the genres named (see <see cref="GenresAsync"/>):
    /// links that stay are kept, the others removed, new ones added.</summary>
    public async Task SetGenresAsync<TLink>(List<TLink> links, IReadOnlyList<string> requested, FieldErrors errors,
        CancellationToken cancellationToken) where TLink : IGenreLink, new()
    {
        var ids = await GenresAsync(requested, errors, cancellationToken);
        links.RemoveAll(link => !ids.Contains(link.GenreId));
        links.AddRange(ids.Where(id => links.All(link => link.GenreId != id)).Select(id => new TLink { GenreId = id }));
    }

    /// <summary>A genre named by a file's genre tag, if the tree has it.</summary>
    public async Task<IReadOnlyList<int>> GenreFromTagAsync(string? tag, CancellationToken cancellationToken)
    {
        if (tag is null)
        {
            return [];
        }
        var slug = Slug.From(tag);
        var id = await db.Genres.Where(g => g.Slug == slug).Select(g => g.Id).FirstOrDefaultAsync(cancellationToken);
        return id == 0 ? [] : [id];
    }

    /// <summary>An album the actor may put tracks on: their own (an admin: any). Null input means none.</summary>
    public async Task<int?> AlbumAsync(string? requested, Viewer actor, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }
        if (int.TryParse(requested.Trim(), out var id)
            && await actor.Managed(db.Albums, a => a.OwnerId).AnyAsync(a => a.Id == id, cancellationToken))
        {
            return id;
        }
        errors.Add("albumId", "Choose one of your own albums.");
        return null;
    }

    /// <summary>A license by code or name; empty means All Rights Reserved.</summary>
    public async Task<int?> LicenseAsync(string? requested, FieldErrors errors, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(requested) ? DefaultLicenseCode : requested.Trim();
        var licenses = await db.Licenses.Select(l => new { l.Id, l.Code, l.Name }).ToListAsync(cancellationToken);
        var match = licenses.FirstOrDefault(l => string.Equals(l.Code, wanted, StringComparison.OrdinalIgnoreCase)
                                                 || string.Equals(l.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add("license", $"Choose one of: {string.Join(", ", licenses.Select(l => l.Name))}.");
            return null;
        }
        return match.Id;
    }
}
