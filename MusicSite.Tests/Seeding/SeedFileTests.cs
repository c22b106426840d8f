using MusicSite.Common;
using MusicSite.Genres;
using MusicSite.Seeding;

namespace MusicSite.Tests.Seeding;

/// <summary>The seed text files themselves: shape, sizes and cross-references, without a database.</summary>
public sealed class SeedFileTests
{
    private static readonly string Seeds = Path.Combine(AppContext.BaseDirectory, "seeds");

    [Fact]
    public void Genres_AreARealTaxonomyOfAtLeast120OverThreeLevels()
    {
        var genres = SeedFiles.ReadGenres(Path.Combine(Seeds, "genres.txt"));

        Assert.True(genres.Count >= 120, $"only {genres.Count} genres");
        Assert.True(genres.Max(g => g.Depth) >= 2, "fewer than three levels");
        Assert.Equal(genres.Count, genres.Select(g => g.Slug).Distinct().Count());
        Assert.All(genres, g => Assert.False(string.IsNullOrWhiteSpace(g.Description), g.Name));
        var deepHouse = Assert.Single(genres, g => g.Slug == "deep-house");
        Assert.Equal("house", deepHouse.ParentSlug);
        Assert.Equal("electronic", Assert.Single(genres, g => g.Slug == "house").ParentSlug);
    }

    [Fact]
    public void GenreRelations_LinkExistingGenres()
    {
        var slugs = SeedFiles.ReadGenres(Path.Combine(Seeds, "genres.txt")).Select(g => g.Slug).ToHashSet();
        var relations = SeedFiles.ReadGenreRelations(Path.Combine(Seeds, "genre-relations.txt"));

        Assert.True(relations.Count >= 5);
        Assert.All(relations, r =>
        {
            Assert.Contains(r.FromSlug, slugs);
            Assert.Contains(r.ToSlug, slugs);
            Assert.InRange(r.Weight, 0.0, 1.0);
        });
    }

    [Fact]
    public void Licenses_AreTheSevenTheSiteOffers()
    {
        var licenses = SeedFiles.ReadLicenses(Path.Combine(Seeds, "licenses.txt"));

        Assert.Equal(["All Rights Reserved", "CC BY", "CC BY-SA", "CC BY-NC", "CC BY-NC-SA", "CC BY-ND", "CC0"],
            licenses.Select(l => l.Name).ToArray());
        Assert.False(licenses.Single(l => l.Code == "cc-by-nd").AllowsRemix);
        Assert.False(licenses.Single(l => l.Code == "cc-by-nc").AllowsCommercial);
        Assert.False(licenses.Single(l => l.Code == "cc0").RequiresAttribution);
    }

    [Fact]
    public void Instruments_HaveNamesAndCategories()
    {
        var instruments = SeedFiles.ReadInstruments(Path.Combine(Seeds, "instruments.txt"));

        Assert.True(instruments.Count >= 10);
        Assert.Equal(instruments.Count, instruments.Select(i => i.Name.ToLowerInvariant()).Distinct().Count());
        Assert.All(instruments, i => Assert.False(string.IsNullOrWhiteSpace(i.Category)));
    }

    [Fact]
    public void DemoCatalog_MeetsTheTrackRules()
    {
        var slugs = SeedFiles.ReadGenres(Path.Combine(Seeds, "genres.txt")).Select(g => g.Slug).ToHashSet();
        var licenses = SeedFiles.ReadLicenses(Path.Combine(Seeds, "licenses.txt")).Select(l => l.Code).ToHashSet();
        var catalog = SeedFiles.ReadDemoCatalog(Path.Combine(Seeds, "demo-catalog.json"));
        var tracks = catalog.Artists.SelectMany(a => a.Albums.SelectMany(al => al.Tracks).Concat(a.Singles)).ToList();

        Assert.True(catalog.Artists.Count >= 3);
        Assert.True(catalog.Artists.Sum(a => a.Albums.Count) >= 2);
        Assert.True(tracks.Count >= 12);
        Assert.Equal(tracks.Count, tracks.Select(t => t.Recipe).Distinct().Count());
        Assert.All(tracks, t =>
        {
            Assert.InRange(t.Title.Length, 1, 200);
            Assert.All(t.Genres, g => Assert.Contains(g, slugs));
            Assert.Contains(t.License, licenses);
            Assert.True(t.Key is null || SeedFiles.IsValidKey(t.Key), t.Key);
            Assert.True(t.Bpm is null or >= 40 and <= 300);
            Assert.True(t.Tags.Count <= 10 && t.Tags.All(tag => tag.Length <= 30));
            Assert.InRange(t.DurationSeconds, 1, 120);
        });
    }

    [Theory]
    [InlineData("Deep House", "deep-house")]
    [InlineData("R&B & Soul", "r-and-b-and-soul")]
    [InlineData("Drum & Bass", "drum-and-bass")]
    [InlineData("  Lo-fi   Hip Hop ", "lo-fi-hip-hop")]
    [InlineData("Musique Concrète", "musique-concrete")]
    [InlineData("Ambient/Experimental", "ambient-experimental")]
    public void Slug_IsLowerCaseAsciiWithSingleDashes(string name, string expected) =>
        Assert.Equal(expected, Slug.From(name));

    [Fact]
    public void DemoEvents_PassTheFormRules_OnAnySeedingDay_AndNameDemoArtistsAndTracks()
    {
        var catalog = SeedFiles.ReadDemoCatalog(Path.Combine(Seeds, "demo-catalog.json"));
        var events = EventSeeds.Read(Path.Combine(Seeds, "events.json")).Events;

        Assert.True(events.Count(e => e.Day > 0) >= 3 && events.Count(e => e.Day < 0) >= 2);
        // Seeded in spring (one event then ends on the night the clocks change), summer, autumn or winter, every event still passes the form's rules.
        foreach (var day in new[] { new DateOnly(2026, 3, 18), new DateOnly(2026, 3, 19), new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 15), new DateOnly(2027, 1, 1) })
        {
            Assert.All(events, e =>
            {
                var errors = new FieldErrors();
                Assert.True(MusicSite.Events.EventFields.Check(EventSeeds.ToInput(e, day), errors) is not null,
                    $"{e.Title} on {day}: " + string.Join(" ", errors.ToDictionary().SelectMany(x => x.Value)));
            });
        }
        Assert.All(events, e =>
        {
            var artist = Assert.Single(catalog.Artists, a => a.DisplayName == e.Artist);
            var titles = artist.Albums.SelectMany(a => a.Tracks).Concat(artist.Singles).Select(t => t.Title).ToHashSet();
            Assert.All(e.Tracks, t => Assert.Contains(t, titles));
        });
    }
}
