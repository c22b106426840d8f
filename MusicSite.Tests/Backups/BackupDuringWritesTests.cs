using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using MusicSite.Admin.Backups;
using MusicSite.Hosting;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Backups;

/// <summary>The test: a backup made while listeners write and artists upload, restored into a fresh data
/// directory, is intact, has every row that existed when it began, and every row's media.</summary>
[Trait("Category", "Slow")]
public sealed class BackupDuringWritesTests : IDisposable
{
    private readonly TempDirectory _files = new("musicsite-backup-files");
    private readonly TempDirectory _fresh = new("musicsite-restored");

    [Fact]
    public async Task Backup_WhileWritesHappen_RestoresIntactWithEveryEarlierRowAndItsMedia()
    {
        using var site = new MusicSiteFactory().WithAdmin();
        var admin = await site.AdminClientAsync();
        var artist = await site.ArtistClientAsync();
        // A finished track with artwork, so the backup has audio variants, a waveform and a cover to account for.
        var first = await artist.PostAsync("/api/music/tracks", TrackUploads.Form(MediaFixtures.Audio(_files.Path, "mp3", 2),
            [("title", "Before the backup")], artworkPath: MediaFixtures.Cover(_files.Path, 1)));
        Assert.Equal(201, (int)first.StatusCode);
        var firstId = (await first.JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal("ready", (await artist.WaitForProcessingAsync(firstId)).GetProperty("processing").GetProperty("state").GetString());

        var messages = new ConcurrentQueue<string>();
        var tracks = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource();
        var writers = new[]
        {
            Task.Run(async () =>
            {
                var visitor = site.CreateClient();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var subject = $"During the backup {i}";
                    var sent = await visitor.PostAsJsonAsync("/api/contact",
                        new { name = "Writer", email = "writer@example.com", subject, message = "A row written while the backup runs." });
                    Assert.Equal(202, (int)sent.StatusCode);
                    messages.Enqueue(subject);
                }
            }),
            Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var audio = MediaFixtures.Audio(_files.Path, "wav", 1);
                    tracks.Enqueue((await artist.UploadAsync(audio, ("title", $"Uploaded during the backup {i}"))).GetProperty("id").GetInt32());
                }
            }),
        };
        await Eventually.True("writes to be under way", () => Task.FromResult(messages.Count >= 5 && !tracks.IsEmpty), TimeSpan.FromSeconds(60));

        // Everything acknowledged before the backup is asked for must be in it.
        var messagesBefore = messages.ToArray();
        var tracksBefore = tracks.ToArray();
        var response = await admin.PostAsync("/api/admin/backups", null);
        // The writers never pause, so the backup ran amid a live stream of writes; a fast backup may finish between two
        // of them, so the proof that the stream went on across it is a write after it, not a count taken at its end.
        await Eventually.True("the writers to keep writing after the backup",
            () => Task.FromResult(messages.Count > messagesBefore.Length), TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(201 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        var name = (await response.JsonAsync()).GetProperty("name").GetString()!;
        foreach (var id in tracks)
        {
            await artist.WaitForProcessingAsync(id);
        }

        // Restore into a fresh data directory with the media folder copied alongside, as the README says.
        var backupFolder = Path.Combine(site.DataDirectory, "backups", name);
        var freshPaths = new DataPaths(_fresh.Path);
        CopyFolder(Path.Combine(site.DataDirectory, "media"), freshPaths.Media);
        var output = new StringWriter();
        var code = await new BackupRestore(freshPaths, output, TimeProvider.System).RunAsync(backupFolder, CancellationToken.None);

        Assert.True(RestoreExit.Restored == code, output.ToString());
        Assert.Equal("ok", SqliteCopy.IntegrityCheck(freshPaths.Database));
        var restoredSubjects = Column(freshPaths.Database, "SELECT Subject FROM ContactMessages");
        Assert.All(messagesBefore, subject => Assert.Contains(subject, restoredSubjects));
        var restoredTracks = Column(freshPaths.Database, "SELECT Id FROM Tracks").Select(int.Parse).ToHashSet();
        Assert.All(tracksBefore.Append(firstId), id => Assert.Contains(id, restoredTracks));

        // Every file a restored row names (audio, artwork, waveform) is in the manifest and present, unchanged.
        var manifest = (await BackupManifest.ReadAsync(backupFolder, CancellationToken.None))!;
        var listed = manifest.Media.ToDictionary(f => f.Path);
        var referenced = SqliteCopy.ReferencedMedia(freshPaths.Database);
        var firstArtwork = Assert.Single(Column(freshPaths.Database, $"SELECT ArtworkPath FROM Tracks WHERE Id = {firstId}"));
        var firstWaveform = Assert.Single(Column(freshPaths.Database, $"SELECT WaveformPath FROM Tracks WHERE Id = {firstId}"));
        Assert.Contains(MusicSite.Media.ArtworkStore.LargeFile(firstArtwork), referenced);
        Assert.Contains(firstWaveform, referenced);
        Assert.True(Column(freshPaths.Database, $"SELECT RelativePath FROM MediaFiles WHERE TrackId = {firstId}").Count >= 2);
        foreach (var path in referenced)
        {
            Assert.True(listed.TryGetValue(path, out var entry), $"{path} is not in the manifest");
            var restored = await MediaManifest.DescribeAsync(freshPaths.MediaPath(path), path, CancellationToken.None);
            Assert.Equal(entry.Sha256, restored.Sha256);
        }

        // The restored data directory runs as a site: the track made before the backup plays.
        using var restoredSite = new MusicSiteFactory(_fresh);
        var track = await restoredSite.CreateClient().GetAsync($"/api/music/tracks/{firstId}");
        Assert.Equal(200, (int)track.StatusCode);
        Assert.Equal("ready", (await track.JsonAsync()).GetProperty("processing").GetProperty("state").GetString());
    }

    private static List<string> Column(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return values;
    }

    internal static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        _files.Dispose();
        _fresh.Dispose();
    }
}
