using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Genres;

namespace MusicSite.Tests.Genres;

/// <summary>Rows for genre curation tests, written straight to the database: genres, tracks without audio and
/// albums tagged with them, relations; and the reads the tests check against.</summary>
public sealed class GenreRows(IServiceProvider services)
{
    public static readonly AuditActor Curator = new(null, "curator", "203.0.113.7", "GenreTests/1.0");

    private async Task<T> WithDbAsync<T>(Func<MusicSiteDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>());
    }

    /// <summary>Runs a use case of a fresh <see cref="GenreCuration"/> (its own scope, as a request has).</summary>
    public async Task<T> CurateAsync<T>(Func<GenreCuration, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<GenreCuration>());
    }

    public Task<int> GenreAsync(string name, int? parentId = null) => WithDbAsync(async db =>
    {
        var genre = new Genre { Name = name, Slug = $"g-{Guid.NewGuid():N}", ParentId = parentId };
        db.Genres.Add(genre);
        await db.SaveChangesAsync();
        return genre.Id;
    });

    /// <summary>A chain of <paramref name="depth"/> genres under <paramref name="rootId"/>; returns them top down.</summary>
    public async Task<List<int>> ChainAsync(int rootId, int depth)
    {
        var chain = new List<int>();
        var parent = rootId;
        for (var i = 0; i < depth; i++)
        {
            parent = await GenreAsync($"Level {i} {Guid.NewGuid():N}", parent);
            chain.Add(parent);
        }
        return chain;
    }

    public Task<int> TrackAsync(params int[] genreIds) => WithDbAsync(async db =>
    {
        var track = new Track
        {
            Title = $"Track {Guid.NewGuid():N}", ArtistName = "Genre Tester", UploaderId = await UploaderAsync(db),
            LicenseId = await LicenseAsync(db), State = TrackState.Ready,
            MediaFolder = Guid.NewGuid().ToString("N"), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Genres = genreIds.Select(id => new TrackGenre { GenreId = id }).ToList(),
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return track.Id;
    });

    public Task<int> AlbumAsync(params int[] genreIds) => WithDbAsync(async db =>
    {
        var album = new Album
        {
            Title = $"Album {Guid.NewGuid():N}", ArtistName = "Genre Tester", OwnerId = await UploaderAsync(db),
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            Genres = genreIds.Select(id => new AlbumGenre { GenreId = id }).ToList(),
        };
        db.Albums.Add(album);
        await db.SaveChangesAsync();
        return album.Id;
    });

    public Task<int> RelationAsync(int fromId, int toId, double weight, GenreRelationKind kind = GenreRelationKind.Related) =>
        WithDbAsync(async db =>
        {
            db.GenreRelations.Add(new GenreRelation { FromGenreId = fromId, ToGenreId = toId, Kind = kind, Weight = weight });
            return await db.SaveChangesAsync();
        });

    public Task<List<T>> ReadAsync<T>(Func<MusicSiteDbContext, IQueryable<T>> query) =>
        WithDbAsync(db => query(db).ToListAsync());

    public Task<Genre?> FindAsync(int id) => WithDbAsync(db => db.Genres.AsNoTracking().FirstOrDefaultAsync(g => g.Id == id));

    public Task<List<AuditEntry>> AuditAsync(int genreId) => WithDbAsync(db =>
        db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "Genre" && e.EntityId == genreId.ToString())
            .OrderBy(e => e.Id).ToListAsync());

    public Task<int> AuditCountAsync() => WithDbAsync(db => db.AuditEntries.CountAsync());

    private static async Task<int> LicenseAsync(MusicSiteDbContext db)
    {
        if (await db.Licenses.Select(l => (int?)l.Id).FirstOrDefaultAsync() is { } id)
        {
            return id;
        }
        var license = new License { Code = "cc-by", Name = "CC BY", AllowsRemix = true, AllowsCommercial = true, RequiresAttribution = true };
        db.Licenses.Add(license);
        await db.SaveChangesAsync();
        return license.Id;
    }

    private static async Task<int> UploaderAsync(MusicSiteDbContext db)
    {
        if (await db.Users.Where(u => u.DisplayName == "Genre Tester").Select(u => (int?)u.Id).FirstOrDefaultAsync() is { } id)
        {
            return id;
        }
        var email = $"genre-tester-{Guid.NewGuid():N}@example.com";
        var user = new AppUser
        {
            UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            DisplayName = "Genre Tester", CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }
}
