using System.Text.Json;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Stems;

/// <summary>GET /api/stems (filters, paging, bad values), /api/stems/{id}, /api/stems/track/{id} and the instrument
/// types, on a site with stems put straight into its database. Each test finds its own rows by a word of its own.</summary>
public sealed class StemBrowseApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..10];

    private async Task<int> TrackAsync(string title, string? key = null, int? bpm = null, bool isPublic = true, string? uploaderEmail = null)
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, title, seconds: 5, isPublic: isPublic, uploaderEmail: uploaderEmail);
        await TestStems.SetTrackMusicAsync(site.Services, id, key, bpm);
        return id;
    }

    private async Task<List<string>> NamesAsync(string query)
    {
        var response = await site.CreateClient().GetAsync("/api/stems?" + query);
        Assert.True(200 == (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("data").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order().ToList();
    }

    [Fact]
    public async Task List_EachFilter_NarrowsToTheMatchingReadyStems()
    {
        var word = Word();
        var track = await TrackAsync($"Lines {word}", key: "Am", bpm: 120);
        var kickId = await TestStems.AddAsync(site.Services, track, new StemSeed("Kick one"));
        await TestStems.AddAsync(site.Services, track, new StemSeed("Low end", Instrument: "Synth Bass", License: "cc-by-nc", Key: "C#m", Bpm: 90, RemixAllowed: false));
        await TestStems.AddAsync(site.Services, track, new StemSeed("Unfinished", State: TrackState.Processing));
        await TestStems.AddAsync(site.Services, track, new StemSeed("Removed", Deleted: true));
        var synthBass = (await (await site.CreateClient().GetAsync("/api/stems/instrument-types")).JsonAsync()).EnumerateArray()
            .First(i => i.GetProperty("name").GetString() == "Synth Bass").GetProperty("id").GetInt32();

        Assert.Equal(["Kick one", "Low end"], await NamesAsync($"search={word}"));
        Assert.Equal(["Low end"], await NamesAsync($"search={word}&key=Dbm")); // the same key as C#m
        Assert.Equal(["Kick one"], await NamesAsync($"search={word}&key=am")); // the track's key, for a stem without one
        Assert.Equal(["Kick one"], await NamesAsync($"search={word}&bpm_min=100"));
        Assert.Equal(["Low end"], await NamesAsync($"search={word}&bpm_min=80&bpm_max=100"));
        Assert.Equal(["Low end"], await NamesAsync($"search={word}&license=CC%20BY-NC"));
        Assert.Equal(["Kick one"], await NamesAsync($"search={word}&license=cc-by"));
        Assert.Equal(["Low end"], await NamesAsync($"search={word}&remix_allowed=false"));
        Assert.Equal(["Kick one"], await NamesAsync($"search={word}&remix_allowed=true"));
        Assert.Equal(["Low end"], await NamesAsync($"search={word}&instrument=synth%20bass"));
        Assert.Equal(["Low end"], await NamesAsync($"search={word}&instrument={synthBass}"));
        Assert.Equal(["Kick one"], await NamesAsync($"search={word}%20kick")); // every word: the track's title and the instrument
        Assert.Equal(["Low end"], await NamesAsync($"search={word}%20end"));
        Assert.Equal([], await NamesAsync($"search={word}%20nothing"));
        Assert.Contains(kickId, (await (await site.CreateClient().GetAsync($"/api/stems?search={word}")).JsonAsync())
            .GetProperty("data").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task List_SearchByArtistName_FindsTheTracksStems()
    {
        var word = Word();
        var email = $"{word}@example.com";
        var client = site.CreateClient();
        Assert.Equal(201, (int)(await client.RegisterAsync(email, displayName: $"Artist {word}", accountType: "Artist")).StatusCode);
        var track = await TrackAsync("Plain title", uploaderEmail: email);
        await TestStems.AddAsync(site.Services, track, new StemSeed("Snare a", Instrument: "Snare"));

        Assert.Equal(["Snare a"], await NamesAsync($"search=artist%20{word}"));
    }

    [Fact]
    public async Task List_Pages_UseTheListEnvelope()
    {
        var word = Word();
        var track = await TrackAsync($"Paged {word}");
        var start = DateTime.UtcNow.AddMinutes(-10);
        for (var i = 0; i < 3; i++)
        {
            await TestStems.AddAsync(site.Services, track, new StemSeed($"Part {i}", CreatedAt: start.AddMinutes(i)));
        }

        var first = await (await site.CreateClient().GetAsync($"/api/stems?search={word}&limit=2")).JsonAsync();
        var second = await (await site.CreateClient().GetAsync($"/api/stems?search={word}&limit=2&page=2")).JsonAsync();
        var byName = await (await site.CreateClient().GetAsync($"/api/stems?search={word}&sort=name")).JsonAsync();

        Assert.Equal(["Part 2", "Part 1"], first.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(["Part 0"], second.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var meta = first.GetProperty("meta");
        Assert.Equal(3, meta.GetProperty("total").GetInt32());
        Assert.Equal(2, meta.GetProperty("totalPages").GetInt32());
        Assert.True(meta.GetProperty("hasNext").GetBoolean());
        Assert.False(second.GetProperty("meta").GetProperty("hasNext").GetBoolean());
        Assert.True(second.GetProperty("meta").GetProperty("hasPrev").GetBoolean());
        Assert.Equal(["Part 0", "Part 1", "Part 2"], byName.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("key=H", "key")]
    [InlineData("bpm_min=fast", "bpm_min")]
    [InlineData("bpm_max=-3", "bpm_max")]
    [InlineData("bpm_min=140&bpm_max=100", "bpm_max")]
    [InlineData("remix_allowed=maybe", "remix_allowed")]
    [InlineData("page=0", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("limit=500", "limit")]
    [InlineData("sort=loudest", "sort")]
    [InlineData("instrument=Kazoo", "instrument")]
    [InlineData("instrument=99999", "instrument")]
    [InlineData("license=nope", "license")]
    public async Task List_BadFilterValue_Is400WithTheFieldsMessage(string query, string field)
    {
        var response = await site.CreateClient().GetAsync("/api/stems?" + query);

        var problem = await response.ProblemAsync(400, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Get_ReadyStem_HasItsRightsLicenseSourceTrackAndUrls()
    {
        var track = await TrackAsync($"Source {Word()}", key: "F#", bpm: 128);
        var id = await TestStems.AddAsync(site.Services, track, new StemSeed("Wide pad", Instrument: "Pad", License: "cc-by-sa", IsDownloadable: false));

        var response = await site.CreateClient().GetAsync($"/api/stems/{id}");

        Assert.Equal(200, (int)response.StatusCode);
        var stem = await response.JsonAsync();
        Assert.Equal("Wide pad", stem.GetProperty("name").GetString());
        Assert.Equal("Pad", stem.GetProperty("instrument").GetProperty("name").GetString());
        Assert.Equal("Synth", stem.GetProperty("instrument").GetProperty("category").GetString());
        Assert.Equal("F#", stem.GetProperty("key").GetString());
        Assert.Equal(128, stem.GetProperty("bpm").GetInt32());
        Assert.Equal("cc-by-sa", stem.GetProperty("license").GetProperty("code").GetString());
        Assert.Equal("https://creativecommons.org/licenses/by-sa/4.0/", stem.GetProperty("license").GetProperty("url").GetString());
        Assert.True(stem.GetProperty("rights").GetProperty("remixAllowed").GetBoolean());
        Assert.True(stem.GetProperty("rights").GetProperty("attributionRequired").GetBoolean());
        Assert.False(stem.GetProperty("isDownloadable").GetBoolean());
        Assert.Equal("ready", stem.GetProperty("state").GetString());
        Assert.Equal(track, stem.GetProperty("track").GetProperty("id").GetInt32());
        Assert.Equal("Test Artist", stem.GetProperty("track").GetProperty("artistName").GetString());
        Assert.Equal(stem.GetProperty("track").GetProperty("artist").GetProperty("id").GetInt32(), stem.GetProperty("uploader").GetProperty("id").GetInt32());
        var urls = stem.GetProperty("urls");
        Assert.EndsWith($"/stems/{id}", urls.GetProperty("page").GetString());
        Assert.EndsWith($"/api/stems/{id}/stream", urls.GetProperty("stream").GetString());
        Assert.EndsWith($"/api/stems/{id}/waveform", urls.GetProperty("waveform").GetString());
        Assert.EndsWith($"/api/stems/download/{id}", urls.GetProperty("download").GetString());
        Assert.EndsWith($"/tracks/{track}", urls.GetProperty("track").GetString());
        Assert.Contains($"/api/music/tracks/{track}/artwork", urls.GetProperty("artwork").GetString());
        Assert.False(stem.TryGetProperty("State", out _));
    }

    [Fact]
    public async Task PrivateTracksStems_AreHiddenFromOthers_AndShownToTheOwner()
    {
        var word = Word();
        var email = $"{word}@example.com";
        var owner = await site.SignedInClientAsync(email);
        var track = await TrackAsync($"Secret {word}", isPublic: false, uploaderEmail: email);
        var id = await TestStems.AddAsync(site.Services, track, new StemSeed("Hidden kick"));
        var stranger = await site.SignedInClientAsync($"other-{word}@example.com");

        foreach (var client in new[] { site.CreateClient(), stranger })
        {
            Assert.Empty((await (await client.GetAsync($"/api/stems?search={word}")).JsonAsync()).GetProperty("data").EnumerateArray());
            await (await client.GetAsync($"/api/stems/{id}")).ProblemAsync(404, "STEM_NOT_FOUND");
            await (await client.GetAsync($"/api/stems/track/{track}")).ProblemAsync(404, "TRACK_NOT_FOUND");
        }
        Assert.Equal(200, (int)(await owner.GetAsync($"/api/stems/{id}")).StatusCode);
        Assert.Single((await (await owner.GetAsync($"/api/stems?search={word}")).JsonAsync()).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task TrackStems_AStemStillProcessing_ShowsToItsOwnerOnly()
    {
        var word = Word();
        var email = $"{word}@example.com";
        var owner = await site.SignedInClientAsync(email);
        var track = await TrackAsync($"Growing {word}", uploaderEmail: email);
        await TestStems.AddAsync(site.Services, track, new StemSeed("Kick done", Instrument: "Kick"));
        var pending = await TestStems.AddAsync(site.Services, track, new StemSeed("Bass coming", Instrument: "Bass Guitar", State: TrackState.Processing));
        await TestStems.AddAsync(site.Services, track, new StemSeed("Gone", Deleted: true));

        static IEnumerable<string?> Names(JsonElement list) => list.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("name").GetString());
        var anonymous = await (await site.CreateClient().GetAsync($"/api/stems/track/{track}")).JsonAsync();
        var own = await (await owner.GetAsync($"/api/stems/track/{track}")).JsonAsync();

        Assert.Equal(["Kick done"], Names(anonymous));
        Assert.Equal(["Kick done", "Bass coming"], Names(own)); // instrument order: drums before bass
        Assert.EndsWith($"/api/stems/track/{track}/download", anonymous.GetProperty("urls").GetProperty("download").GetString());
        await (await site.CreateClient().GetAsync($"/api/stems/{pending}")).ProblemAsync(404, "STEM_NOT_FOUND");
        Assert.Equal("processing", (await (await owner.GetAsync($"/api/stems/{pending}")).JsonAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task TrackStems_UnknownTrack_Is404()
    {
        await (await site.CreateClient().GetAsync("/api/stems/track/999999")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await site.CreateClient().GetAsync("/api/stems/999999")).ProblemAsync(404, "STEM_NOT_FOUND");
    }

    [Fact]
    public async Task InstrumentTypes_AreTheSeededListWithCategories()
    {
        var types = (await (await site.CreateClient().GetAsync("/api/stems/instrument-types")).JsonAsync()).EnumerateArray().ToList();

        Assert.True(types.Count >= 10);
        Assert.Contains(types, t => t.GetProperty("name").GetString() == "Kick" && t.GetProperty("category").GetString() == "Drums");
        Assert.All(types, t => Assert.True(t.GetProperty("id").GetInt32() > 0));
    }
}
