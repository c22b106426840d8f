using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Hosting;

/// <summary>
/// A site killed in the middle of an upload (after the original is in media/, before its row is committed) leaves
/// a folder no track names. The next start removes it, and keeps everything a row does name.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashRecoveryTests : IDisposable
{
    private const string AdminEmail = "admin@musicsite.test";
    private const string AdminPassword = "Adm1nPassw0rd";
    private readonly TempDirectory _data = new("musicsite-crash");
    private readonly TempDirectory _files = new("musicsite-crash-files");

    [Fact]
    public async Task KilledAfterOriginalStored_NextStart_RemovesTheOrphanFolder_AndTheSiteWorks()
    {
        using (var doomed = await SiteProcess.StartAsync(_data.Path, new Dictionary<string, string>
               {
                   ["MUSICSITE_ADMIN_EMAIL"] = AdminEmail,
                   ["MUSICSITE_ADMIN_PASSWORD"] = AdminPassword,
                   ["MusicSite__Faults__CrashAfterOriginalStored"] = "true",
               }))
        {
            using var client = doomed.CreateClient();
            var token = (await client.LoginAsync(AdminEmail, AdminPassword)).GetProperty("accessToken").GetString()!;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
                client.PostAsync("/api/music/tracks", TrackUploads.Form(MediaFixtures.Audio(_files.Path, "wav", 2), [("title", "Cut Short")])));

            // 137 = 128 + SIGKILL: the process was killed, it did not shut down.
            Assert.Equal(137, await doomed.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }
        // The crash left what the drill found: an original in a folder that no row names.
        var orphan = Assert.Single(Directory.GetDirectories(TracksDir));
        Assert.Single(Directory.GetFiles(orphan, "original.wav"));
        Assert.Equal(0, CountRows("Tracks"));

        using var restarted = new MusicSiteFactory(_data);
        var again = restarted.CreateClient();

        Assert.Empty(Directory.GetDirectories(TracksDir));
        Assert.Equal("ok", IntegrityCheck());
        Assert.Empty(Directory.GetFiles(Path.Combine(_data.Path, "uploads")));
        var token2 = (await again.LoginAsync(AdminEmail, AdminPassword)).GetProperty("accessToken").GetString()!;
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token2);
        var id = (await again.UploadAsync(MediaFixtures.Audio(_files.Path, "wav", 2), ("title", "Sent Again"))).GetProperty("id").GetInt32();
        Assert.Equal("ready", (await again.WaitForProcessingAsync(id)).GetProperty("processing").GetProperty("state").GetString());
        Assert.Single(Directory.GetDirectories(TracksDir));
    }

    [Fact]
    public async Task StartupSweep_KeepsEveryFileARowNames_AndRemovesTheRest()
    {
        int trackId;
        using (var first = new MusicSiteFactory(_data))
        {
            trackId = await TestCatalog.AddReadyTrackAsync(first.Services, "Kept Track", seconds: 2);
            await first.WithDbAsync(async db =>
            {
                var user = await db.Users.FirstAsync();
                user.AvatarPath = Path.Combine("avatars", "kept.jpg");
                db.Albums.Add(new Album
                {
                    Title = "Kept Album", ArtistName = "Band", OwnerId = user.Id, ArtworkPath = Path.Combine("albums", "keptcover"),
                    CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                });
                return await db.SaveChangesAsync();
            });
        }
        var media = Path.Combine(_data.Path, "media");
        var kept = new[] { Write(media, "avatars", "kept.jpg"), Write(media, "albums", "keptcover", "cover-300.jpg") };
        var removed = new[]
        {
            Write(media, "tracks", "0123456789abcdef0123456789abcdef", "original.wav"),
            Write(media, "tracks", "fedcba9876543210fedcba9876543210", "artwork.jpg"),
            Write(media, "albums", "abandonedcover", "cover-300.jpg"),
            Write(media, "avatars", "abandoned.jpg"),
        };

        using var second = new MusicSiteFactory(_data);
        second.CreateClient();

        Assert.All(kept, path => Assert.True(File.Exists(path), path));
        Assert.All(removed, path => Assert.False(File.Exists(path), path));
        var original = await second.WithDbAsync(db => db.MediaFiles.Where(m => m.TrackId == trackId).Select(m => m.RelativePath).SingleAsync());
        Assert.Equal([Path.GetDirectoryName(Path.Combine(_data.Path, "media", original))!], Directory.GetDirectories(TracksDir));
        var stream = await second.CreateClient().GetAsync($"/api/music/stream/{trackId}");
        Assert.Equal(200, (int)stream.StatusCode);
    }

    private string TracksDir => Path.Combine(_data.Path, "media", "tracks");

    private static string Write(params string[] parts)
    {
        var path = Path.Combine(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }

    private int CountRows(string table) => Convert.ToInt32(Scalar($"SELECT COUNT(*) FROM \"{table}\""));

    private string IntegrityCheck() => (string)Scalar("PRAGMA integrity_check")!;

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "musicsite.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        _files.Dispose();
        _data.Dispose();
    }
}
