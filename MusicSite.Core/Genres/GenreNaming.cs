using Microsoft.EntityFrameworkCore;
using MusicSite.Common;
using MusicSite.Data;

namespace MusicSite.Genres;

/// <summary>The one owner of "names and addresses stay unique": a name (any case) or slug belongs to one genre, and a
/// retired slug stays with the genre it redirects to. A rename or merge retires the old slug; a genre may take back
/// a slug it retired itself. Runs inside the caller's transaction; changes are saved by the caller.</summary>
internal sealed class GenreNaming(MusicSiteDbContext db, TimeProvider clock)
{
    /// <summary>The GENRE_EXISTS errors for <paramref name="values"/>, or null when they are free for
    /// <paramref name="genreId"/> (null for a new genre).</summary>
    public async Task<FieldErrors?> ConflictsAsync(GenreValues values, int? genreId, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var others = db.Genres.Where(g => g.Id != genreId);
        // SQLite's lower() folds ASCII letters only; the slug check below catches most other case variants, since
        // a slug is made from the name.
        var name = values.Name.ToLowerInvariant();
        if (await others.AnyAsync(g => g.Name.ToLower() == name, cancellationToken))
        {
            errors.Add("name", "Another genre already has this name.");
        }
        if (await others.AnyAsync(g => g.Slug == values.Slug, cancellationToken))
        {
            errors.Add("slug", "Another genre already has this address.");
        }
        else if (await db.RetiredGenreSlugs.AnyAsync(r => r.Slug == values.Slug && r.GenreId != genreId, cancellationToken))
        {
            errors.Add("slug", "This address belonged to a genre before and now redirects to it; choose another.");
        }
        return errors.Any ? errors : null;
    }

    /// <summary>Moves <paramref name="genre"/> from its slug to <paramref name="slug"/>: the old slug redirects to it,
    /// and a slug it retired before becomes its own again.</summary>
    public async Task ChangeSlugAsync(Genre genre, string slug, CancellationToken cancellationToken)
    {
        if (await db.RetiredGenreSlugs.FirstOrDefaultAsync(r => r.Slug == slug && r.GenreId == genre.Id, cancellationToken)
            is { } takenBack)
        {
            db.RetiredGenreSlugs.Remove(takenBack);
        }
        db.RetiredGenreSlugs.Add(Retired(genre.Slug, genre.Id));
        genre.Slug = slug;
    }

    /// <summary>A merged genre's slug, and every slug that redirected to it, now redirect to the survivor.
    /// Returns how many slugs were handed over.</summary>
    public async Task<int> HandOverAsync(Genre source, int targetId, CancellationToken cancellationToken)
    {
        var earlier = await db.RetiredGenreSlugs.Where(r => r.GenreId == source.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.GenreId, targetId), cancellationToken);
        db.RetiredGenreSlugs.Add(Retired(source.Slug, targetId));
        return earlier + 1;
    }

    private RetiredGenreSlug Retired(string slug, int genreId) =>
        new() { Slug = slug, GenreId = genreId, RetiredAt = clock.GetUtcNow().UtcDateTime };
}
