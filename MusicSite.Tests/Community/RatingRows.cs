using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Community;

/// <summary>Users and tracks written straight into the fixture's database for the rating service tests.</summary>
internal static class RatingRows
{
    public static async Task<int> UserAsync(this CoreServicesFixture core, string name = "Listener")
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var user = new AppUser { UserName = $"rate-{Guid.NewGuid():N}@example.com", DisplayName = name, CreatedAt = DateTime.UtcNow };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public static async Task<int> TrackAsync(this CoreServicesFixture core, int uploaderId, bool isPublic = true,
        TrackState state = TrackState.Ready, bool deleted = false, string title = "Rated tune")
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var now = DateTime.UtcNow;
        var track = new Track
        {
            Title = title, ArtistName = "Rated Artist", LicenseId = (await db.Licenses.FirstAsync()).Id, UploaderId = uploaderId,
            IsPublic = isPublic, State = state, CreatedAt = now, UpdatedAt = now, DeletedAt = deleted ? now : null,
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return track.Id;
    }

    public static async Task<T> WithAsync<T, TService>(this CoreServicesFixture core, Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = core.Scope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static async Task<T> DbAsync<T>(this CoreServicesFixture core, Func<MusicSiteDbContext, Task<T>> action)
    {
        await using var scope = core.Scope();
        return await action(scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>());
    }

    public static Viewer Listener(int id) => new(id, false);
}
