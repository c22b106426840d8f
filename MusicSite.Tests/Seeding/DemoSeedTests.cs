using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MusicSite.Accounts;
using MusicSite.Attribution;
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
public sealed partial class DemoSeedTests(DemoSeededFixture seeded) : IClassFixture<DemoSeededFixture>
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
    public async Task DemoStems_AreTheLayersOfTheirTrack_AndAddUpToIt()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var track = await db.Tracks.Include(t => t.MediaFiles).SingleAsync(t => t.Title == "Sodium Lights");
        var stems = await db.Stems.Include(s => s.Files).Include(s => s.InstrumentType)
            .Where(s => s.TrackId == track.Id).OrderBy(s => s.Id).ToListAsync();

        Assert.Equal(["Kick", "Clap", "Open hats", "Closed hats", "Chord stabs", "Bassline", "Pad"], stems.Select(s => s.Name));
        Assert.Equal("Chord Stabs", stems[4].InstrumentType!.Name);
        Assert.All(stems, s =>
        {
            Assert.Equal(TrackState.Pending, s.State);
            Assert.Equal((track.Key, track.Bpm, track.LicenseId, track.UploaderId), (s.Key, s.Bpm, s.LicenseId, s.UploaderId));
            Assert.True(s.RemixAllowed && s.IsDownloadable);
            Assert.StartsWith("stems", Assert.Single(s.Files, f => f.Kind == MediaKind.Original).RelativePath, StringComparison.Ordinal);
        });

        // The stems summed, minus the track itself, leave (next to) silence: they really are its parts.
        var inputs = new List<string> { seeded.Paths.MediaPath(track.MediaFiles.Single(m => m.Kind == MediaKind.Original).RelativePath) };
        inputs.AddRange(stems.Select(s => seeded.Paths.MediaPath(s.Files.Single().RelativePath)));
        var graph = string.Concat(Enumerable.Range(1, stems.Count).Select(i => $"[{i}:a]")) +
                    $"amix=inputs={stems.Count}:normalize=0[sum];[0:a]volume=-1[minus];[sum][minus]amix=inputs=2:normalize=0,volumedetect";
        var (code, report) = MediaFixtures.Run("ffmpeg",
            ["-nostdin", "-hide_banner", .. inputs.SelectMany(i => new[] { "-i", i }), "-filter_complex", graph, "-f", "null", "-"]);
        Assert.True(code == 0, report);
        var peak = double.Parse(MaxVolume().Match(report).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(peak < -60, $"the stems differ from the track by up to {peak} dB");
    }

    [Fact]
    public async Task DemoLineage_IsARemixOfAStemmedTrack_AndAnEditOfTheRemix()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var links = await db.TrackRelations.Select(r => new { Original = r.Original!.Title, Derivative = r.Derivative!.Title, r.Kind, r.Status })
            .OrderBy(r => r.Derivative).ToListAsync();
        var uses = await db.StemUsages.Select(u => new { Stem = u.Stem!.Name, Source = u.Stem.Track!.Title, Track = u.Track!.Title, u.Status })
            .ToListAsync();

        Assert.Equal(2, links.Count);
        Assert.Equal(new { Original = "Sodium Lights", Derivative = "Sodium Lights (Marlow Kid Rework)", Kind = RelationKind.Remix, Status = LinkStatus.Approved }, links[0]);
        Assert.Equal(new { Original = "Sodium Lights (Marlow Kid Rework)", Derivative = "Sodium Lights (Night Drive Edit)", Kind = RelationKind.Edit, Status = LinkStatus.Approved }, links[1]);
        Assert.Equal(["Bassline", "Chord stabs", "Kick", "Pad"], uses.Select(u => u.Stem).Order());
        Assert.All(uses, u => Assert.Equal(("Sodium Lights", "Sodium Lights (Marlow Kid Rework)", LinkStatus.Approved), (u.Source, u.Track, u.Status)));
    }

    [Fact]
    public async Task DemoEvents_AreUpcomingAndPast_ByDemoArtists_WithTheirTracks()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var queries = scope.ServiceProvider.GetRequiredService<MusicSite.Events.EventQueries>();
        var events = await db.Events.AsNoTracking().Include(e => e.Tracks).ThenInclude(t => t.Track).Include(e => e.Artist).ToListAsync();

        Assert.True((await queries.UpcomingAsync(1, 20, CancellationToken.None)).Total >= 3);
        Assert.True((await queries.PastAsync(1, 20, CancellationToken.None)).Total >= 2);
        var release = Assert.Single(events, e => e.Title.StartsWith("Night Shift Signals", StringComparison.Ordinal));
        Assert.Equal(("Aurora Lane", "Europe/Berlin"), (release.Artist!.DisplayName, release.TimeZone));
        // 21:00 at the venue, ten days after seeding, whatever the season's offset there.
        Assert.Equal("21:00", MusicSite.Events.EventTimes.InZone(release.StartsAt, release.TimeZone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["Sodium Lights", "Last Train Home", "Rooftop Static"], release.Tracks.OrderBy(t => t.Position).Select(t => t.Track!.Title));
        Assert.All(events, e =>
        {
            Assert.NotNull(e.ArtistId);
            Assert.NotEmpty(e.Tracks);
            Assert.All(e.Tracks, t => Assert.Equal(e.ArtistId, t.Track!.UploaderId));
        });
    }

    [GeneratedRegex(@"max_volume: (-?[0-9.]+|-inf) dB")]
    private static partial Regex MaxVolume();

    [Fact]
    public async Task BlogPosts_AreSeededFromSeedsBlog_PublishedWithCategoriesAndExcerpts()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds", "blog"), "*.md");

        var posts = await db.BlogPosts.Include(p => p.Category).ToListAsync();

        Assert.Equal(files.Length, posts.Count);
        Assert.True(await db.BlogCategories.CountAsync() >= 2);
        Assert.Contains(posts, p => p.Slug == "welcome-to-musicsite");
        Assert.All(posts, p =>
        {
            Assert.NotNull(p.Category);
            Assert.True(p.PublishedAt <= DateTime.UtcNow, p.Slug);
            Assert.Equal(MusicSite.Blog.BlogMarkdown.Excerpt(p.Markdown), p.Excerpt);
            Assert.False(string.IsNullOrWhiteSpace(p.Excerpt));
        });
        Assert.True(await db.SeedRuns.AnyAsync(s => s.Name == "blog"));
    }

    [Fact]
    public async Task Seeding_Again_ChangesNothing()
    {
        await using var scope = seeded.Scope();
        var db = scope.ServiceProvider.GetRequiredService<MusicSiteDbContext>();
        var before = (await db.Genres.CountAsync(), await db.Tracks.CountAsync(), await db.Users.CountAsync(),
            Directory.GetFiles(seeded.Paths.Media, "*", SearchOption.AllDirectories).Length, await db.BlogPosts.CountAsync(),
            await db.BlogCategories.CountAsync(), await db.Events.CountAsync());

        await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(CancellationToken.None);

        var after = (await db.Genres.CountAsync(), await db.Tracks.CountAsync(), await db.Users.CountAsync(),
            Directory.GetFiles(seeded.Paths.Media, "*", SearchOption.AllDirectories).Length, await db.BlogPosts.CountAsync(),
            await db.BlogCategories.CountAsync(), await db.Events.CountAsync());
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
        Assert.Equal(0, await db.BlogPosts.CountAsync());
    }
}
