using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using MusicSite.Catalog;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Stems;

/// <summary>The owner's "Add stems" page (/tracks/{id}/stems/new) and the stem edit page (/stems/{id}/edit) as a
/// browser without JavaScript uses them.</summary>
public sealed class StemFormPagesTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-stemforms");

    public void Dispose() => _files.Dispose();

    /// <summary>A signed-in artist (cookie) with a ready track of theirs.</summary>
    private async Task<(HttpClient Client, int TrackId)> OwnerWithTrackAsync()
    {
        var email = $"stemforms-{Guid.NewGuid():N}@example.com";
        var client = await site.CookieClientAsync("Artist", email);
        var track = await TestCatalog.AddReadyTrackAsync(site.Services, "Stem source", 5, uploaderEmail: email);
        await TestStems.SetTrackMusicAsync(site.Services, track, "Am", 124);
        return (client, track);
    }

    private static async Task<IDocument> PageAsync(HttpClient client, string path, int status = 200)
    {
        var response = await client.GetAsync(path);
        return await DocumentAsync(response, status, path);
    }

    private static async Task<IDocument> DocumentAsync(HttpResponseMessage response, int status, string what)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{what}: {(int)response.StatusCode} {html[..Math.Min(400, html.Length)]}");
        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>Posts the "Add stems" form: the page's hidden fields, then <paramref name="fields"/> and the files by row.</summary>
    private static async Task<HttpResponseMessage> PostStemsAsync(HttpClient client, int trackId,
        IEnumerable<(string Name, string Value)> fields, params (int Row, string Path)[] files)
    {
        var path = $"/tracks/{trackId}/stems/new";
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in await PageSessions.HiddenFieldsAsync(client, path, "main form.stem-rows"))
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        foreach (var (row, file) in files)
        {
            var content = new ByteArrayContent(File.ReadAllBytes(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, $"stems[{row}].audio", Path.GetFileName(file));
        }
        return await client.PostAsync(path, form);
    }

    private static (string, string)[] Row(int row, string name, int instrumentId, params (string Field, string Value)[] extra) =>
        [($"stems[{row}].name", name), ($"stems[{row}].instrumentTypeId", instrumentId.ToString()), ($"stems[{row}].license", "cc-by"),
         .. extra.Select(e => ($"stems[{row}].{e.Field}", e.Value))];

    private Task<List<Attribution.Stem>> StemsOfAsync(int trackId) =>
        site.WithDbAsync(db => db.Stems.AsNoTracking().Where(s => s.TrackId == trackId && s.DeletedAt == null).OrderBy(s => s.Id).ToListAsync());

    [Fact]
    public async Task AddStems_Owner_ShowsRowsWithLabelledControlsAndInstrumentGroups()
    {
        var (client, track) = await OwnerWithTrackAsync();

        var doc = await PageAsync(client, $"/tracks/{track}/stems/new");

        var rows = doc.QuerySelectorAll("form.stem-rows fieldset.stem-row");
        Assert.Equal(4, rows.Length);
        Assert.Equal("Stem 1", rows[0].QuerySelector("legend")!.TextContent.Trim());
        Assert.Equal("file", rows[0].QuerySelector("input[name='stems[0].audio']")!.GetAttribute("type"));
        var groups = doc.QuerySelectorAll("#stem0-instrumentTypeId optgroup").Select(g => g.GetAttribute("label")).ToList();
        Assert.True(groups.Count >= 2, string.Join(",", groups));
        Assert.NotNull(doc.QuerySelector("#stem0-instrumentTypeId optgroup option"));
        Assert.Equal("cc-by", doc.QuerySelector("#stem0-license option[selected]")?.GetAttribute("value"));
        Assert.Equal("Taken from the track", doc.QuerySelector("#stem2-bpm")!.GetAttribute("placeholder"));
        Assert.All(doc.QuerySelectorAll("main form.stem-rows input:not([type=hidden]), main form.stem-rows select"),
            control => Assert.NotNull(doc.QuerySelector($"label[for='{control.Id}']")));
        Assert.Equal("multipart/form-data", doc.QuerySelector("form.stem-rows")!.GetAttribute("enctype"));
    }

    [Fact]
    public async Task AddStems_TwoFiles_CreatesTwoPendingStemsAndRedirectsToTheTrack()
    {
        var (client, track) = await OwnerWithTrackAsync();
        var drums = await site.InstrumentIdAsync();
        var bass = await site.InstrumentIdAsync("Bass Guitar");

        var response = await PostStemsAsync(client, track,
            [.. Row(0, "Kit", drums, ("remixAllowed", "false"), ("remixAllowed", "true")), .. Row(1, "Unused row", drums),
             .. Row(2, "Low end", bass, ("bpm", "90"))],
            (0, MediaFixtures.Pulse(_files.Path, "wav", 1)), (2, MediaFixtures.Tone(_files.Path, "mp3", 1)));

        Assert.True(response.StatusCode is System.Net.HttpStatusCode.Redirect or System.Net.HttpStatusCode.SeeOther,
            $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal($"/tracks/{track}", response.Headers.Location?.AbsolutePath);
        var stems = await StemsOfAsync(track);
        Assert.Equal(["Kit", "Low end"], stems.Select(s => s.Name));
        Assert.All(stems, s => Assert.NotEqual(TrackState.Failed, s.State));
        Assert.True(stems[0].RemixAllowed);
        Assert.Equal((drums, 124), (stems[0].InstrumentTypeId, stems[0].Bpm));
        Assert.Equal((bass, 90, "Am"), (stems[1].InstrumentTypeId, stems[1].Bpm, stems[1].Key));

        var page = await PageAsync(client, response.Headers.Location!.PathAndQuery);
        Assert.Contains("2 stems are added", page.QuerySelector("[data-testid=stems-added]")?.TextContent);
    }

    [Fact]
    public async Task AddStems_OneBadRow_ShowsItsMessagesBesideTheRowAndStoresNothing()
    {
        var (client, track) = await OwnerWithTrackAsync();
        var drums = await site.InstrumentIdAsync();

        var response = await PostStemsAsync(client, track,
            [.. Row(0, "Kit", drums), .. Row(1, "Not audio", drums), .. Row(3, "Ghost", 999_999)],
            (0, MediaFixtures.Pulse(_files.Path, "wav", 1)), (1, MediaFixtures.Text(_files.Path, "notes.mp3", "no sound here")),
            (3, MediaFixtures.Tone(_files.Path, "mp3", 1)));

        var doc = await DocumentAsync(response, 200, "refused post");
        Assert.NotNull(doc.QuerySelector("[data-testid=stems-problem][role=alert]"));
        Assert.Empty(doc.QuerySelectorAll("#stem0-audio-error-0, #stem0-instrumentTypeId-error-0"));
        var audioError = doc.QuerySelector("#stem1-audio-error-0");
        Assert.NotNull(audioError);
        Assert.Contains("stem1-audio-error-0", doc.QuerySelector("#stem1-audio")!.GetAttribute("aria-describedby"));
        Assert.Equal("Choose an instrument from the list.", doc.QuerySelector("#stem3-instrumentTypeId-error-0")?.TextContent);
        Assert.Equal("stem3-instrumentTypeId-error-0", doc.QuerySelector("#stem3-instrumentTypeId")!.GetAttribute("aria-describedby"));
        // What was typed is kept.
        Assert.Equal("Ghost", doc.QuerySelector("#stem3-name")!.GetAttribute("value"));
        Assert.Empty(await StemsOfAsync(track));
    }

    [Fact]
    public async Task AddStems_OneFileAlone_ItsMessageShowsBesideItsOwnRow()
    {
        var (client, track) = await OwnerWithTrackAsync();

        var response = await PostStemsAsync(client, track, [.. Row(0, "Kit", await site.InstrumentIdAsync()), .. Row(2, "Noise", await site.InstrumentIdAsync())],
            (2, MediaFixtures.Text(_files.Path, "noise.wav", "not a wave file")));

        var doc = await DocumentAsync(response, 200, "refused single stem");
        Assert.NotNull(doc.QuerySelector("#stem2-audio-error-0"));
        Assert.Null(doc.QuerySelector("#stem0-audio-error-0"));
        Assert.Empty(await StemsOfAsync(track));
    }

    [Fact]
    public async Task AddStems_NoFile_AsksForOneAndStoresNothing()
    {
        var (client, track) = await OwnerWithTrackAsync();

        var response = await PostStemsAsync(client, track, Row(0, "Kit", await site.InstrumentIdAsync()));

        var doc = await DocumentAsync(response, 200, "post without files");
        Assert.Contains("at least one", doc.QuerySelector("[data-testid=stems-problem]")?.TextContent);
        Assert.NotNull(doc.QuerySelector("#stem0-audio-error-0"));
        Assert.Empty(await StemsOfAsync(track));
    }

    [Fact]
    public async Task AddStems_OtherUsers_AreRefused()
    {
        var (_, track) = await OwnerWithTrackAsync();
        var hidden = await TestCatalog.AddReadyTrackAsync(site.Services, "Private source", 5, isPublic: false);
        var other = await site.CookieClientAsync("Artist");

        Assert.Equal(403, (int)(await other.GetAsync($"/tracks/{track}/stems/new")).StatusCode);
        Assert.Equal(404, (int)(await other.GetAsync($"/tracks/{hidden}/stems/new")).StatusCode);
        var anonymous = await site.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/tracks/{track}/stems/new");
        Assert.Equal(302, (int)anonymous.StatusCode);
        Assert.Contains("login", anonymous.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
        // A post by someone else is refused too and stores nothing.
        var form = new MultipartFormDataContent
        {
            { new StringContent(await PageSessions.AntiforgeryTokenAsync(other)), "__RequestVerificationToken" },
            { new StringContent("add-stems"), "_handler" },
            { new StringContent("Intruder"), "stems[0].name" },
            { new StringContent((await site.InstrumentIdAsync()).ToString()), "stems[0].instrumentTypeId" },
            { new ByteArrayContent(File.ReadAllBytes(MediaFixtures.Tone(_files.Path, "mp3", 1))), "stems[0].audio", "intruder.mp3" },
        };
        // (The refused page renders no form, so the framework answers 400 before any handler runs.)
        Assert.Contains((int)(await other.PostAsync($"/tracks/{track}/stems/new", form)).StatusCode, new[] { 400, 403 });
        Assert.Empty(await StemsOfAsync(track));
    }

    [Fact]
    public async Task TrackAndStemPages_LinkTheirOwnerToTheForms()
    {
        var (client, track) = await OwnerWithTrackAsync();
        var stem = await TestStems.AddAsync(site.Services, track, new StemSeed("Kick loop"));
        var other = await site.CookieClientAsync("Artist");

        Assert.NotNull((await PageAsync(client, $"/tracks/{track}")).QuerySelector($"a[href='/tracks/{track}/stems/new']"));
        Assert.NotNull((await PageAsync(client, $"/stems/{stem}")).QuerySelector($"a[href='/stems/{stem}/edit']"));
        Assert.Null((await PageAsync(other, $"/tracks/{track}")).QuerySelector($"a[href='/tracks/{track}/stems/new']"));
        Assert.Null((await PageAsync(other, $"/stems/{stem}")).QuerySelector($"a[href='/stems/{stem}/edit']"));
    }

    [Fact]
    public async Task EditStem_Save_ChangesTheStemAndSaysSo()
    {
        var (client, track) = await OwnerWithTrackAsync();
        var stem = await TestStems.AddAsync(site.Services, track, new StemSeed("Kick loop", RemixAllowed: true));
        var bass = await site.InstrumentIdAsync("Bass Guitar");

        var form = await PageAsync(client, $"/stems/{stem}/edit");
        Assert.Equal("Kick loop", form.QuerySelector("#stem-name")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("#stem-remixAllowed[checked]"));
        var response = await client.PostFormAsync($"/stems/{stem}/edit", new()
        {
            ["name"] = "Bass line", ["instrumentTypeId"] = bass.ToString(), ["license"] = "cc-by-sa",
            ["remixAllowed"] = "false", ["commercialAllowed"] = "false", ["attributionRequired"] = "false",
            ["isDownloadable"] = "false", ["key"] = "", ["bpm"] = "100",
        });

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal($"/stems/{stem}?saved=1", response.Headers.Location?.PathAndQuery);
        var saved = await site.WithDbAsync(db => db.Stems.AsNoTracking().Include(s => s.License).FirstAsync(s => s.Id == stem));
        Assert.Equal(("Bass line", bass, "cc-by-sa", false, 100, "Am"),
            (saved.Name, saved.InstrumentTypeId, saved.License!.Code, saved.RemixAllowed, saved.Bpm, saved.Key));
        var page = await PageAsync(client, response.Headers.Location!.PathAndQuery);
        Assert.Equal("Your changes are saved.", page.QuerySelector("[role=status][data-testid=saved]")?.TextContent.Trim());
    }

    [Fact]
    public async Task EditStem_BadFields_ShowMessagesAndChangeNothing()
    {
        var (client, track) = await OwnerWithTrackAsync();
        var stem = await TestStems.AddAsync(site.Services, track, new StemSeed("Kick loop"));

        var response = await client.PostFormAsync($"/stems/{stem}/edit", new()
        {
            ["name"] = "", ["instrumentTypeId"] = "999999", ["bpm"] = "9000",
        });

        var doc = await DocumentAsync(response, 200, "refused edit");
        Assert.NotNull(doc.QuerySelector("[data-testid=stem-problem][role=alert]"));
        Assert.NotNull(doc.QuerySelector("#stem-name-error-0"));
        Assert.Equal("stem-name-error-0", doc.QuerySelector("#stem-name")!.GetAttribute("aria-describedby"));
        Assert.NotNull(doc.QuerySelector("#stem-instrumentTypeId-error-0"));
        Assert.NotNull(doc.QuerySelector("#stem-bpm-error-0"));
        Assert.Equal("Kick loop", await site.WithDbAsync(db => db.Stems.Where(s => s.Id == stem).Select(s => s.Name).FirstAsync()));
    }

    [Fact]
    public async Task EditStem_OtherUsers_AreRefused()
    {
        var (_, track) = await OwnerWithTrackAsync();
        var stem = await TestStems.AddAsync(site.Services, track, new StemSeed("Kick loop"));
        var other = await site.CookieClientAsync("Artist");

        Assert.Equal(403, (int)(await other.GetAsync($"/stems/{stem}/edit")).StatusCode);
        Assert.Equal(404, (int)(await other.GetAsync($"/stems/{stem + 100_000}/edit")).StatusCode);
    }

    [Fact]
    public async Task DeleteStem_Confirmed_RemovesItFromTheTrack_UnconfirmedAsksAgain()
    {
        var (client, track) = await OwnerWithTrackAsync();
        var stem = await TestStems.AddAsync(site.Services, track, new StemSeed("Kick loop"));
        var path = $"/stems/{stem}/edit";

        var unconfirmed = await client.PostAsync(path, new FormUrlEncodedContent(
            await PageSessions.HiddenFieldsAsync(client, path, "main form.stem-delete")));
        var doc = await DocumentAsync(unconfirmed, 200, "unconfirmed delete");
        Assert.NotNull(doc.QuerySelector("#confirm-error"));
        Assert.Single(await StemsOfAsync(track));

        var fields = await PageSessions.HiddenFieldsAsync(client, path, "main form.stem-delete");
        fields.Add(new("confirm", "yes"));
        var response = await client.PostAsync(path, new FormUrlEncodedContent(fields));

        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal($"/tracks/{track}", response.Headers.Location?.PathAndQuery);
        Assert.Empty(await StemsOfAsync(track));
        Assert.Equal(404, (int)(await client.GetAsync($"/stems/{stem}")).StatusCode);
    }
}
