using MusicSite.Common;
using MusicSite.Tests.Infrastructure;
using MusicSite.Catalog;

namespace MusicSite.Tests.Api;

/// <summary>Values that parse loosely (NaN, comma lists, fractions, huge pages) are refused or bounded, never stored or wrapped.</summary>
public sealed class LooseValuesTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public void Bpm_NotAFiniteNumber_IsRefused(string bpm)
    {
        var errors = new FieldErrors();

        Assert.Null(TrackMetadataRules.ParseBpm(bpm, errors));
        Assert.NotEmpty(errors.For("bpm"));
    }

    [Theory]
    [InlineData("/api/music/tracks?page=1.5", "page")]
    [InlineData("/api/music/tracks?page=1e3", "page")]
    [InlineData("/api/music/tracks?limit=2.5", "limit")]
    [InlineData("/api/music/tracks?page=99999999999", "page")]
    [InlineData("/api/music/tracks?uploader_id=1.5", "uploader_id")]
    [InlineData("/api/music/tracks?min_duration=NaN", "min_duration")]
    [InlineData("/api/music/tracks?max_duration=Infinity", "max_duration")]
    [InlineData("/api/music/stream/1?quality=low,high", "quality")]
    [InlineData("/api/music/stream/1?quality=2", "quality")]
    [InlineData("/api/music/download/1?format=original,mp3", "format")]
    [InlineData("/api/music/download/1?format=1", "format")]
    public async Task LooseValue_Is400WithTheField(string path, string field)
    {
        var problem = await (await site.CreateClient().GetAsync(path)).ProblemAsync(400, "VALIDATION_FAILED");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData("/api/music/tracks")]
    [InlineData("/api/music/albums")]
    [InlineData("/api/genres")]
    public async Task PagePastTheEnd_IsAnEmptyPageWithItsMeta(string list)
    {
        await TestCatalog.AddReadyTrackAsync(site.Services, "Listed", 2);
        var client = site.CreateClient();
        var first = await (await client.GetAsync(list)).JsonAsync();
        Assert.True(first.GetProperty("meta").GetProperty("total").GetInt32() > 0 || list.Contains("albums"));

        var response = await client.GetAsync($"{list}?page={int.MaxValue}");

        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(0, body.GetProperty("data").GetArrayLength());
        var meta = body.GetProperty("meta");
        Assert.Equal(int.MaxValue, meta.GetProperty("page").GetInt32());
        Assert.False(meta.GetProperty("hasNext").GetBoolean());
        Assert.Equal(first.GetProperty("meta").GetProperty("total").GetInt32(), meta.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(1, 20, 0)]
    [InlineData(3, 20, 40)]
    [InlineData(int.MaxValue, 100, int.MaxValue)]
    [InlineData(0, 20, 0)]
    [InlineData(-5, 20, 0)]
    public void Offset_NeverOverflows(int page, int limit, int expected) =>
        Assert.Equal(expected, Paging.Offset(page, limit));
}
