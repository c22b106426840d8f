using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Media;

namespace MusicSite.Tests.Infrastructure;

/// <summary>Puts a ready track with real ffmpeg-made audio into a running site's catalog.</summary>
public static class TestCatalog
{
    public static async Task<int> AddReadyTrackAsync(IServiceProvider services, string title, double seconds = 60,
        bool isPublic = true, string? uploaderEmail = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var paths = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MusicSiteOptions>>().Value.Paths;

        var email = uploaderEmail ?? $"artist-{Guid.NewGuid():N}@example.com";
        var artist = await users.FindByEmailAsync(email);
        if (artist is null)
        {
            artist = new AppUser { UserName = email, Email = email, DisplayName = "Test Artist", CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(artist)).Succeeded);
        }

        var relative = Path.Combine("tracks", Guid.NewGuid().ToString("N"), "original.mp3");
        var target = paths.MediaPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(MediaFixtures.Tone(Path.GetDirectoryName(target)!, "mp3", seconds), target);

        var license = await db.Licenses.FirstAsync(l => l.Code == "cc-by");
        var track = new Track
        {
            Title = title, ArtistName = artist.DisplayName, LicenseId = license.Id, UploaderId = artist.Id,
            IsPublic = isPublic, State = TrackState.Ready, DurationSeconds = seconds,
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            MediaFiles =
            [
                new MediaFile
                {
                    Kind = MediaKind.Original, Codec = "mp3", ContentType = "audio/mpeg",
                    SizeBytes = new FileInfo(target).Length, RelativePath = relative, CreatedAt = DateTime.UtcNow,
                },
            ],
        };
        db.Tracks.Add(track);
        await db.SaveChangesAsync();
        return track.Id;
    }
}
