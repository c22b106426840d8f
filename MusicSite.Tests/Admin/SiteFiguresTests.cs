using Microsoft.Extensions.DependencyInjection;
using MusicSite.Admin;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Media;
using MusicSite.Tests.Infrastructure;
using static MusicSite.Tests.Admin.DashboardData;

namespace MusicSite.Tests.Admin;

/// <summary>The dashboard's counts, storage by kind and processing queue on constructed rows and files.</summary>
public sealed class SiteFiguresTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Fact]
    public async Task Figures_OnConstructedData_CountEachKindExactly()
    {
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var figures = scope.ServiceProvider.GetRequiredService<SiteFigures>();

        var publisher = await UserAsync(db, "Publisher");
        var albumOwner = await UserAsync(db, "AlbumOwner");
        var privateOnly = await UserAsync(db, "PrivateOnly");
        await UserAsync(db, "Listener");
        (await UserAsync(db, "Former")).DeletedAt = DateTime.UtcNow; // an account an admin deleted, kept as "Former member"
        var ready = await TrackAsync(db, publisher.Id, "Ready");
        await TrackAsync(db, privateOnly.Id, "Private", isPublic: false);
        await TrackAsync(db, publisher.Id, "Deleted", deletedAt: DateTime.UtcNow);
        await TrackAsync(db, publisher.Id, "Waiting", TrackState.Pending);
        await TrackAsync(db, publisher.Id, "Working", TrackState.Processing);
        await TrackAsync(db, publisher.Id, "Deleted while waiting", TrackState.Pending, deletedAt: DateTime.UtcNow);
        await StemAsync(db, ready, TrackState.Pending);
        await StemAsync(db, ready, TrackState.Ready);
        await StemAsync(db, ready, TrackState.Processing, deletedAt: DateTime.UtcNow);
        var album = new Album { Title = "Cover", ArtistName = "AlbumOwner", OwnerId = albumOwner.Id, ArtworkPath = "albums/old-cover.jpg",
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        db.Albums.Add(album);
        ready.ArtworkPath = "tracks/ready/artwork-uploaded";
        ready.MediaFiles.AddRange([File(MediaKind.Original, 1000), File(MediaKind.High, 300), File(MediaKind.Low, 200)]);
        var stem = db.Stems.Local.First(s => s.State == TrackState.Ready);
        stem.Files.Add(new MusicSite.Attribution.StemFile { Kind = MediaKind.Original, Codec = "flac", ContentType = "audio/flac", SizeBytes = 700,
            RelativePath = "stems/x/original.flac", CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        Write(ArtworkStore.LargeFile(ready.ArtworkPath), 111);
        Write(ArtworkStore.ThumbnailFile(ready.ArtworkPath), 22);
        Write(album.ArtworkPath, 50);

        var set = await figures.MeasureAsync(CancellationToken.None);

        Assert.Equal(new SiteCounts(Users: 4, Artists: 2, Tracks: 4, Albums: 1, Stems: 2), set.Counts);
        Assert.Equal((1000L, 500L, 700L, 111L + 22 + 50), (set.Storage.OriginalBytes, set.Storage.VariantBytes, set.Storage.StemBytes, set.Storage.ArtworkBytes));
        Assert.InRange(set.Storage.Disk.FreeBytes, 1, set.Storage.Disk.TotalBytes);
        Assert.Equal(new QueueFigures(TracksPending: 1, TracksProcessing: 1, StemsPending: 1, StemsProcessing: 0), set.Queue);
        Assert.Equal(3, set.Queue.Depth);
    }

    private static MediaFile File(MediaKind kind, long bytes) => new()
    {
        Kind = kind, Codec = "mp3", ContentType = "audio/mpeg", SizeBytes = bytes, RelativePath = $"tracks/ready/{kind}.mp3", CreatedAt = DateTime.UtcNow,
    };

    private void Write(string relative, int bytes)
    {
        var path = core.Paths.MediaPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, new byte[bytes]);
    }
}
