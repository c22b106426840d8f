using System.Text.Json;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Lineage;

/// <summary>The lineage read routes as a client sees them: masking in the JSON, depth rules, missing things.</summary>
public sealed class LineageReadApiTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private readonly LineageData _data = new(site.Services);

    /// <summary>Every node of a lineage answer (or of a track's credits).</summary>
    private static IEnumerable<JsonElement> Nodes(JsonElement json, string property = "nodes") => json.GetProperty(property).EnumerateArray();

    [Fact]
    public async Task MaskedWorks_LeakNothingThroughAnyRoute()
    {
        var owner = await _data.UserAsync("Open Artist");
        var other = await _data.UserAsync("Zq Hidden Owner");
        var root = await _data.TrackAsync(owner, "Root Tune");
        var hidden = await _data.TrackAsync(other, "Zq Private Title", isPublic: false);
        var gone = await _data.TrackAsync(owner, "Zq Deleted Title");
        var leaf = await _data.TrackAsync(owner, "Leaf Tune");
        var stem = await _data.StemAsync(hidden, "Zq Secret Stem");
        await _data.LinkAsync(root, hidden);
        await _data.LinkAsync(hidden, gone);
        await _data.LinkAsync(gone, leaf);
        await _data.UseStemAsync(stem, leaf);
        await _data.SetAsync(gone, t => t.DeletedAt = DateTime.UtcNow);
        var client = site.CreateClient();

        var answers = new Dictionary<string, string>
        {
            ["attribution"] = await client.GetStringAsync($"/api/music/tracks/{leaf}/attribution"),
            ["remixes"] = await client.GetStringAsync($"/api/music/tracks/{root}/remixes?depth=10"),
            ["relationships"] = await client.GetStringAsync($"/api/music/tracks/{leaf}/relationships?generations=10"),
            ["detail"] = await client.GetStringAsync($"/api/music/tracks/{leaf}"),
            ["sources"] = await client.GetStringAsync($"/api/stems/track/{leaf}/sources"),
        };

        foreach (var (route, text) in answers)
        {
            Assert.DoesNotContain("Zq", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"track-{hidden}\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"track-{gone}\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"/tracks/{hidden}\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"/stems/{stem}\"", text, StringComparison.Ordinal);
            Assert.True(text.Contains("a private work", StringComparison.Ordinal), route);
        }
        var attribution = JsonDocument.Parse(answers["attribution"]).RootElement;
        Assert.Equal(
            // The hidden track is a direct source too, through its stem: the walk follows stem uses.
            [("Leaf Tune", 0), ("a private work", 1), ("a removed work", 1), ("a private work", 1), ("Root Tune", 2)],
            Nodes(attribution).Select(n => (n.GetProperty("label").GetString(), n.GetProperty("generation").GetInt32())));
        Assert.All(Nodes(attribution).Where(n => n.GetProperty("kind").GetString() == "masked"), n =>
        {
            Assert.Equal(JsonValueKind.Null, n.GetProperty("id").ValueKind);
            Assert.Equal(JsonValueKind.Null, n.GetProperty("title").ValueKind);
            Assert.Equal(JsonValueKind.Null, n.GetProperty("artist").ValueKind);
            Assert.Equal(JsonValueKind.Null, n.GetProperty("owner").ValueKind);
            Assert.Equal(JsonValueKind.Null, n.GetProperty("url").ValueKind);
        });
        var rootNode = Nodes(attribution).Single(n => n.GetProperty("label").GetString() == "Root Tune");
        Assert.EndsWith($"/tracks/{root}", rootNode.GetProperty("url").GetString());
        var credits = JsonDocument.Parse(answers["detail"]).RootElement.GetProperty("credits");
        Assert.Equal(["a private work", "a removed work", "a private work", "Root Tune"],
            Nodes(credits, "basedOn").Select(n => n.GetProperty("label").GetString()));
    }

    [Theory]
    [InlineData("attribution?depth=0", "depth")]
    [InlineData("attribution?depth=11", "depth")]
    [InlineData("remixes?depth=abc", "depth")]
    [InlineData("remixes?depth=-1", "depth")]
    [InlineData("relationships?generations=1.5", "generations")]
    [InlineData("relationships?generations=99999999999", "generations")]
    public async Task BadDepth_IsAFieldError(string route, string field)
    {
        var owner = await _data.UserAsync("Depth");
        var track = await _data.TrackAsync(owner, "Depth Tune");

        var problem = await (await site.CreateClient().GetAsync($"/api/music/tracks/{track}/{route}")).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task MissingTracksAndStems_Answer404Or410()
    {
        var owner = await _data.UserAsync("Missing");
        var hidden = await _data.TrackAsync(owner, "Not Yours", isPublic: false);
        var deleted = await _data.TrackAsync(owner, "Deleted", deleted: true);
        var hiddenStem = await _data.StemAsync(hidden, "Hidden Stem");
        var client = site.CreateClient();

        foreach (var route in new[] { "attribution", "remixes", "relationships" })
        {
            await (await client.GetAsync($"/api/music/tracks/{hidden}/{route}")).ProblemAsync(404, "TRACK_NOT_FOUND");
            await (await client.GetAsync($"/api/music/tracks/{deleted}/{route}")).ProblemAsync(410, "TRACK_DELETED");
        }
        await (await client.GetAsync($"/api/stems/track/{hidden}/sources")).ProblemAsync(404, "TRACK_NOT_FOUND");
        await (await client.GetAsync($"/api/stems/{hiddenStem}/usage")).ProblemAsync(404, "STEM_NOT_FOUND");
        await (await client.GetAsync($"/api/stems/attribution/{hiddenStem}")).ProblemAsync(404, "STEM_NOT_FOUND");
        await (await client.GetAsync("/api/stems/attribution/999999")).ProblemAsync(404, "STEM_NOT_FOUND");
    }

    [Fact]
    public async Task StemRoutes_AnswerUsageSourcesAndAttribution()
    {
        var owner = await _data.UserAsync("Stem Route");
        var home = await _data.TrackAsync(owner, "Stem Home Tune");
        var user = await _data.TrackAsync(owner, "Stem User Tune");
        var later = await _data.TrackAsync(owner, "Later Tune");
        var stem = await _data.StemAsync(home, "Keys");
        await _data.UseStemAsync(stem, user);
        await _data.LinkAsync(user, later);
        var client = site.CreateClient();

        var usage = (await client.GetAsync($"/api/stems/{stem}/usage")).JsonAsync();
        var sources = (await client.GetAsync($"/api/stems/track/{user}/sources")).JsonAsync();
        var attribution = (await client.GetAsync($"/api/stems/attribution/{stem}")).JsonAsync();

        Assert.Equal(["Keys", "Stem User Tune", "Later Tune"], Nodes(await usage).Select(n => n.GetProperty("title").GetString()));
        var source = (await sources).GetProperty("data").EnumerateArray().Single();
        Assert.Equal(("Keys", "Stem Home Tune", "cc-by"), (source.GetProperty("stem").GetProperty("title").GetString(),
            source.GetProperty("track").GetProperty("title").GetString(), source.GetProperty("stem").GetProperty("license").GetProperty("code").GetString()));
        Assert.True(source.GetProperty("stem").GetProperty("rights").GetProperty("remixAllowed").GetBoolean());
        Assert.EndsWith($"/stems/{stem}", source.GetProperty("stem").GetProperty("url").GetString());
        Assert.Equal("Stem Home Tune", (await attribution).GetProperty("track").GetProperty("title").GetString());
    }
}
