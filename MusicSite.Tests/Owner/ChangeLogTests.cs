using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Owner;

[Trait("Category", "Slow")]
public sealed class ChangeLogTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Theory]
    [InlineData("isPublic", "true", "false", "Made private")]
    [InlineData("isPublic", "false", "true", "Made public")]
    [InlineData("isDownloadable", "false", "true", "Downloads allowed")]
    [InlineData("title", "Draft", "Final", "Title changed from “Draft” to “Final”")]
    [InlineData("bpm", null, "96", "BPM set to 96")]
    [InlineData("bpm", "96", "120", "BPM changed from 96 to 120")]
    [InlineData("key", "Am", null, "Key removed")]
    [InlineData("description", null, "New words", "Description added")]
    [InlineData("description", "Old words", "New words", "Description changed")]
    [InlineData("description", "Old words", null, "Description removed")]
    [InlineData("genres", "House", "Ambient, House", "Genres: added Ambient")]
    [InlineData("genres", "Ambient, House", "Techno", "Genres: added Techno; removed Ambient, House")]
    [InlineData("tags", null, "night", "Tags: added night")]
    [InlineData("license", "CC BY", "CC0", "License changed from CC BY to CC0")]
    [InlineData("album", null, "Nights", "Added to the album “Nights”")]
    public void Describe_ALoggedChange_ReadsInWords(string field, string? before, string? after, string expected) =>
        Assert.Equal(expected, TrackChangeWording.Describe(field, before, after));

    [Fact]
    public async Task EditForm_SendingTheDescriptionBackWithCrlf_LogsOnlyRealChanges_InWords()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        var owner = await site.CookieClientAsync("Artist", email);
        var id = await TestCatalog.AddReadyTrackAsync(site.Services, "Draft Title", seconds: 2, uploaderEmail: email);
        await site.WithDbAsync(async db =>
        {
            var track = await db.Tracks.SingleAsync(t => t.Id == id);
            track.Description = "Line one\nLine two";
            track.ArtistName = "Test Artist";
            return await db.SaveChangesAsync();
        });

        // What a browser posts back: the textarea's line breaks as CRLF, the rest as it was, except the title and privacy.
        var saved = await owner.PostFormAsync($"/tracks/{id}/edit", new()
        {
            ["title"] = "Final Title", ["artist"] = "Test Artist", ["description"] = "Line one\r\nLine two\r\n", ["tags"] = "",
            ["bpm"] = "", ["key"] = "", ["license"] = "cc-by", ["isPublic"] = "false", ["isDownloadable"] = "false",
        });

        Assert.Equal(302, (int)saved.StatusCode);
        Assert.EndsWith($"/tracks/{id}?saved=1", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var changes = await site.WithDbAsync(db => db.TrackChanges.Where(c => c.TrackId == id).Select(c => c.Field).ToListAsync());
        Assert.Equal(["isPublic", "title"], changes.Order());

        var page = new HtmlParser().ParseDocument(await owner.GetStringAsync($"/tracks/{id}?saved=1"));
        Assert.Equal(["Made private", "Title changed from “Draft Title” to “Final Title”"],
            page.QuerySelectorAll("[data-testid=change-log] .change-text").Select(e => e.TextContent).Order());
        // The confirmation opens <main>, where it is seen after the redirect, not below the track.
        var toast = page.QuerySelector("main")!.FirstElementChild!;
        Assert.Equal("saved", toast.GetAttribute("data-testid"));
        Assert.Equal("status", toast.GetAttribute("role"));
    }
}
