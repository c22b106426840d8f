using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;

namespace MusicSite.Tests.Artists;

/// <summary>Accounts, tracks and albums as rows (no audio files): what the artist and home queries read.</summary>
internal static class ArtistRows
{
    public static string Token() => Guid.NewGuid().ToString("N")[..8];

    public static async Task<int> UserAsync(IServiceProvider services, string displayName, string? bio = null)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"artist-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName, Bio = bio, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        return user.Id;
    }

    public static async Task<int> TrackAsync(IServiceProvider services, int uploaderId, string title, bool isPublic = true,
        TrackState state = TrackState.Ready, int plays = 0, DateTime? createdAt = null, bool deleted = false, int? albumId = null,
        string? artistName = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var license = await db.Licenses.FirstAsync(l => l.Code == "cc-by");
        var when = createdAt ?? DateTime.UtcNow;
        var track = new Track
        {
            Title = title, ArtistName = artistName ?? "Credited " + title, LicenseId = license.Id, UploaderId = uploaderId, IsPublic = isPublic,
            State = state, DurationSeconds = 30, PlayCount = plays, CreatedAt = when, UpdatedAt = when, AlbumId = albumId,
            MediaFolder = Guid.NewGuid().ToString("N"), DeletedAt = deleted ? when : null,
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return track.Id;
    }

    public static async Task<int> AlbumAsync(IServiceProvider services, int ownerId, string title)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var album = new Album { Title = title, ArtistName = "Album credit " + title, OwnerId = ownerId, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.Albums.Add(album);
        await db.SaveChangesAsync();
        return album.Id;
    }

    public static async Task PlaysAsync(IServiceProvider services, int trackId, int count, DateTime playedAt)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        for (var i = 0; i < count; i++)
        {
            db.PlayEvents.Add(new PlayEvent { TrackId = trackId, ListenerKey = $"test-{Guid.NewGuid():N}", HalfHour = i, PlayedAt = playedAt });
        }
        await db.SaveChangesAsync();
    }
}
