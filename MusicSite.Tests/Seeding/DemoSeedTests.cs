using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Catalog;
using MusicSite.Data;
using MusicSite.Jobs;
using MusicSite.Media;
using MusicSite.Seeding;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Seeding;

/// <summary>A database seeded with the real seed files, demo audio rendered by ffmpeg.</summary>
public sealed class DemoSeededFixture : CoreServicesFixture
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("MUSICSITE_SEED", "demo")];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Scope();
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);
    }
}

/// <summary>What seeding leaves behind; these tests only read the seeded database (the pipeline test has its own).</summary>
[Trait("Category", "Slow")]
public sealed class DemoSeedTests(DemoSeededFixture seeded) : IClassFixture<DemoSeededFixture>
{
    [Fact]
    public async Task ReferenceData_IsSeeded()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();

        Assert.True(await db.Genres.CountAsync() >= 120);
        Assert.True(await db.Genres.AnyAsync(g => g.Parent!.Parent != null), "no third level");
        Assert.True(await db.GenreRelations.CountAsync() >= 5);
        Assert.Equal(7, await db.Licenses.CountAsync());
        Assert.True(await db.InstrumentTypes.CountAsync() >= 10);
    }

    [Fact]
    public async Task DemoCatalog_HasArtistsAlbumsAndTracksWaitingForThePipeline()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        Assert.True((await users.GetUsersInRoleAsync(Roles.Artist)).Count >= 3);
        Assert.True(await db.Albums.CountAsync() >= 2);
        var tracks = await db.Tracks.Include(t => t.MediaFiles).Include(t => t.Genres).ToListAsync();
        Assert.True(tracks.Count >= 12);
        Assert.All(tracks, t =>
        {
            Assert.Equal(TrackState.Pending, t.State);
            Assert.NotEmpty(t.Genres);
            Assert.False(string.IsNullOrEmpty(t.MediaFolder));
            Assert.Single(t.MediaFiles, m => m.Kind == MediaKind.Original);
        });
        Assert.True(tracks.Count(t => t.AlbumId != null) >= 6);
    }

    [Fact]
    public async Task DemoAudio_IsRealDistinctFlacOfTheRecipeLength()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var files = await db.MediaFiles.Where(m => m.Kind == MediaKind.Original).Select(m => new { m.RelativePath, m.SizeBytes, Duration = db.Tracks.First(t => t.Id == m.TrackId).DurationSeconds })
            .ToListAsync();

        var hashes = new HashSet<string>();
        foreach (var file in files)
        {
            var path = seeded.Paths.MediaPath(file.RelativePath);
            Assert.Equal(file.SizeBytes, new FileInfo(path).Length);
            var probe = MediaFixtures.Probe(path, "stream=codec_name,sample_rate,channels:format=duration");
            Assert.Contains("codec_name=flac", probe);
            Assert.Contains("sample_rate=44100", probe);
            Assert.Contains("channels=2", probe);
            Assert.True(file.Duration > 10, $"{file.RelativePath} is {file.Duration} s");
            Assert.True(hashes.Add(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))), "two demo tracks are the same audio");
        }
    }

    [Fact]
    public async Task Seeding_Again_ChangesNothing()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var before = (await db.Genres.CountAsync(), await db.Tracks.CountAsync(), await db.Users.CountAsync(),
            Directory.GetFiles(seeded.Paths.Media, "*", SearchOption.AllDirectories).Length);

        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);

        var after = (await db.Genres.CountAsync(), await db.Tracks.CountAsync(), await db.Users.CountAsync(),
            Directory.GetFiles(seeded.Paths.Media, "*", SearchOption.AllDirectories).Length);
        Assert.Equal(before, after);
    }
}

/// <summary>Processing changes a demo track, so it runs on a seeded database of its own.</summary>
[Trait("Category", "Slow")]
public sealed class DemoPipelineTests(DemoSeededFixture seeded) : IClassFixture<DemoSeededFixture>
{
    [Fact]
    public async Task DemoTrack_GoesThroughTheAudioPipeline()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var id = await db.Tracks.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();

        Assert.True(await scope.ServiceProvider.GetRequiredService<AudioPipeline>().ProcessAsync(id, CancellationToken.None));

        var track = await db.Tracks.AsNoTracking().Include(t => t.MediaFiles).SingleAsync(t => t.Id == id);
        Assert.Equal(TrackState.Ready, track.State);
        Assert.Equal([MediaKind.Original, MediaKind.Low, MediaKind.Medium, MediaKind.High, MediaKind.Lossless],
            track.MediaFiles.Select(m => m.Kind).Order());
        Assert.All(track.MediaFiles, m => Assert.True(File.Exists(seeded.Paths.MediaPath(m.RelativePath))));
        Assert.NotNull(track.IntegratedLufs);
        Assert.True(File.Exists(seeded.Paths.MediaPath(track.WaveformPath!)));
    }
}

public sealed class SeedNoneTests(CoreServicesFixture core) : IClassFixture<CoreServicesFixture>
{
    [Fact]
    public async Task SeedNone_SeedsReferenceDataButNoDemoCatalog()
    {
        await using var scope = core.Scope();
        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();

        Assert.Equal(7, await db.Licenses.CountAsync());
        Assert.Equal(0, await db.Tracks.CountAsync());
        Assert.False(await db.SeedRuns.AnyAsync(s => s.Name == Seeder.DemoSet));
    }
}
