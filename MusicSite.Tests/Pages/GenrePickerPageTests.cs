using AngleSharp.Html.Parser;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Pages;

/// <summary>The genre picker on the upload and album forms, as a browser without JavaScript gets it: a tree of
/// checkboxes, each genre once, the chosen ones ticked and shown as chips.</summary>
public sealed class GenrePickerPageTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    [Theory]
    [InlineData("/upload")]
    [InlineData("/albums/new")]
    public async Task Form_OffersEveryGenreOnce_InItsFamily(string path)
    {
        var artist = await site.CookieClientAsync("Artist");

        var doc = new HtmlParser().ParseDocument(await artist.GetStringAsync(path));

        var boxes = doc.QuerySelectorAll(".genre-picker input[type=checkbox][name=genres]").ToList();
        Assert.True(boxes.Count > 250, $"{boxes.Count} genres");
        Assert.Equal(boxes.Count, boxes.Select(b => b.GetAttribute("value")).Distinct().Count());
        // "Ambient/Experimental" was both a group label and an option; now it is one box, with Ambient nested below it.
        Assert.Single(boxes, b => b.GetAttribute("data-name") == "Ambient/Experimental");
        var ambient = doc.QuerySelector(".genre-picker input[value=ambient]")!;
        Assert.Equal("Ambient/Experimental", ambient.GetAttribute("data-path"));
        Assert.Equal("ambient-experimental", ambient.Closest("ul")!.ParentElement!.QuerySelector("input")!.GetAttribute("value"));
        Assert.Null(doc.QuerySelector("select#genres"));
    }

    [Fact]
    public async Task AlbumForm_SavesTheTickedGenres_AndShowsThemAsChipsWhenEditing()
    {
        var artist = await site.CookieClientAsync("Artist");
        var fields = (await PageSessions.HiddenFieldsAsync(artist, "/albums/new"))
            .Append(new("title", "Picked Genres")).Append(new("genres", "deep-house")).Append(new("genres", "ambient")).ToList();

        var response = await artist.PostAsync("/albums/new", new MultipartFormDataContent().With(fields));

        Assert.Equal(302, (int)response.StatusCode);
        var albumPath = response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString;
        var edit = new HtmlParser().ParseDocument(await artist.GetStringAsync(albumPath + "/edit"));
        Assert.Equal(["ambient", "deep-house"],
            edit.QuerySelectorAll(".genre-picker input:checked").Select(i => i.GetAttribute("value")!).Order());
        Assert.Equal(["Ambient", "Deep House"], edit.QuerySelectorAll(".genre-chips .chip").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task UploadForm_RefusedSubmit_KeepsTheTickedGenres()
    {
        var artist = await site.CookieClientAsync("Artist");
        var fields = (await PageSessions.HiddenFieldsAsync(artist, "/upload"))
            .Append(new("title", "No file")).Append(new("genres", "techno")).ToList();

        var response = await artist.PostAsync("/upload", new MultipartFormDataContent().With(fields));

        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose an audio file", doc.QuerySelector("main")!.TextContent);
        Assert.Equal(["techno"], doc.QuerySelectorAll(".genre-picker input:checked").Select(i => i.GetAttribute("value")));
        Assert.Equal(["Techno"], doc.QuerySelectorAll(".genre-chips .chip").Select(c => c.TextContent.Trim()));
    }
}

internal static class MultipartForms
{
    public static MultipartFormDataContent With(this MultipartFormDataContent form, IEnumerable<KeyValuePair<string, string>> fields)
    {
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }
}
