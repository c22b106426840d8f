using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Media;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Owner;

[Trait("Category", "Slow")]
public sealed class CodecNameTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Theory]
    [InlineData("pcm_s16le", "WAV")]
    [InlineData("pcm_s24le", "WAV")]
    [InlineData("mp3", "MP3")]
    [InlineData("flac", "FLAC")]
    [InlineData("vorbis", "Ogg Vorbis")]
    [InlineData("opus", "Opus")]
    [InlineData("aac", "AAC")]
    [InlineData("alac", "ALAC")]
    [InlineData("wmav2", "WMAV2")]
    [InlineData(null, "Unknown")]
    public void Label_ACodecName_IsTheNamePeopleKnow(string? codec, string expected) =>
        Assert.Equal(expected, AudioFormats.Label(codec));

    [Fact]
    public async Task TrackPageAndApi_AWavOriginal_ShowWav_NotPcm()
    {
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Pcm Tone", seconds: 2);
        await site.WithDbAsync(async db =>
        {
            var original = await db.MediaFiles.SingleAsync(m => m.TrackId == id);
            original.Codec = "pcm_s16le";
            return await db.SaveChangesAsync();
        });

        var html = await site.CreateClient().GetStringAsync($"/tracks/{id}");
        var page = new HtmlParser().ParseDocument(html);
        Assert.DoesNotContain("pcm_", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("WAV", page.QuerySelectorAll("dl.facts dt").Single(dt => dt.TextContent == "Original").NextElementSibling!.TextContent,
            StringComparison.Ordinal);

        var audio = (await (await site.CreateClient().GetAsync($"/api/music/tracks/{id}")).JsonAsync()).GetProperty("audio");
        Assert.Equal("pcm_s16le", audio.GetProperty("codec").GetString());
        Assert.Equal("WAV", audio.GetProperty("format").GetString());
    }
}
