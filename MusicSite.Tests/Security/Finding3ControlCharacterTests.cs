using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using MusicSite.Common;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Security;

/// <summary>The site with one artist, one ready track of theirs, for the hostile-text table.</summary>
public sealed class HostileTextFixture : MusicSiteFactory, IAsyncLifetime
{
    public HttpClient Artist { get; private set; } = null!;
    public int TrackId { get; private set; }

    public async Task InitializeAsync()
    {
        var email = $"hostile-{Guid.NewGuid():N}@example.com";
        Artist = CreateClient();
        Assert.Equal(201, (int)(await Artist.RegisterAsync(email, displayName: "Hostile Tester", accountType: "Artist")).StatusCode);
        var token = (await Artist.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        Artist.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        TrackId = await TestCatalog.AddReadyTrackAsync(Services, "Plain Title", seconds: 2, uploaderEmail: email);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Security finding 3: text that reaches mail, pages and other users must not carry line breaks, control characters
/// or direction overrides. Single-line fields refuse them all; descriptions and bios allow line breaks and tabs only.
/// </summary>
[Trait("Category", "Slow")]
public sealed class Finding3ControlCharacterTests(HostileTextFixture site) : IClassFixture<HostileTextFixture>
{
    /// <summary>Each is refused in a one-line field, wherever it sits in the value.</summary>
    public static readonly string[] SingleLineHostile =
    [
        "\r\n", "\n", "\r", "\0", "\t", "\u0007", "\u001b", "\u007f", "\u0085", "\u009b",
        "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029",
    ];

    /// <summary>Each is refused in a multi-line field too.</summary>
    public static readonly string[] MultiLineHostile = ["\0", "\u0007", "\u001b", "\u007f", "\u0085", "\u202e", "\u2066", "\u2069"];

    public static TheoryData<string, string> SingleLineRows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var field in new[] { "register.displayName", "me.displayName", "track.title", "track.artist", "track.tags", "album.title", "album.artistName" })
        {
            foreach (var hostile in SingleLineHostile)
            {
                rows.Add(field, hostile);
            }
        }
        return rows;
    }

    public static TheoryData<string, string> MultiLineRows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var field in new[] { "me.bio", "track.description", "album.description" })
        {
            foreach (var hostile in MultiLineHostile)
            {
                rows.Add(field, hostile);
            }
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(SingleLineRows))]
    public async Task Finding3_SingleLineField_WithControlOrBidiCharacter_Is400WithFieldError(string field, string hostile)
    {
        var value = $"Eve{hostile}Bcc: victim@example.com http://evil.example";

        var response = await SendAsync(field, value);

        await AssertRefusedAsync(response, field);
    }

    [Theory]
    [MemberData(nameof(MultiLineRows))]
    public async Task Finding3_MultiLineField_WithControlOrBidiCharacter_Is400WithFieldError(string field, string hostile)
    {
        var response = await SendAsync(field, $"First line\r\nSecond{hostile}line");

        await AssertRefusedAsync(response, field);
    }

    [Theory]
    [InlineData("me.bio")]
    [InlineData("track.description")]
    [InlineData("album.description")]
    public async Task MultiLineField_WithLineBreaksAndTabs_IsAccepted(string field)
    {
        var response = await SendAsync(field, "First line\r\nSecond line\n\tindented, and some Ünïcode: مرحبا שלום");

        Assert.True((int)response.StatusCode is 200 or 201, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Finding3_Upload_WithLineBreakInTitle_Is400()
    {
        using var files = new TempDirectory("musicsite-hostile");
        var form = TrackUploads.Form(MediaFixtures.Audio(files.Path, "mp3", 1), [("title", "Eve\r\nBcc: victim@example.com")]);

        var response = await site.Artist.PostAsync("/api/music/tracks", form);

        var problem = await response.ProblemAsync(400, ErrorCodes.InvalidMetadata);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _), problem.ToString());
    }

    [Fact]
    public async Task Finding3_RegisterPage_WithLineBreakInDisplayName_ShowsTheMessage_AndSendsNoMail()
    {
        var browser = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var email = $"page-{Guid.NewGuid():N}@example.com";
        var page = new HtmlParser().ParseDocument(await browser.GetStringAsync("/account/register"));
        var fields = page.QuerySelectorAll("main form input[type=hidden]")
            .Where(i => i.GetAttribute("name") is "__RequestVerificationToken" or "_handler")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.DisplayName"] = "Eve\r\nClick http://evil.example to claim",
                ["Input.Password"] = "Passw0rdOk", ["Input.AccountType"] = "Listener",
            });

        var response = await browser.PostAsync("/account/register", new FormUrlEncodedContent(fields));

        Assert.Equal(200, (int)response.StatusCode);
        var html = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("without line breaks", html.QuerySelector("main")!.TextContent);
        var mail = Directory.Exists(site.MailDirectory) ? Directory.GetFiles(site.MailDirectory) : [];
        Assert.DoesNotContain(mail, f => File.ReadAllText(f).Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("plain name", true, true)]
    [InlineData("Ünïcode مرحبا 😀", true, true)]
    [InlineData("two\nlines", false, true)]
    [InlineData("tab\there", false, true)]
    [InlineData("nul\0", false, false)]
    [InlineData("rlo\u202Eevil", false, false)]
    [InlineData("next line\u0085", false, false)]
    public void TextRules_Table(string text, bool singleLine, bool multiLine)
    {
        Assert.Equal(singleLine, TextRules.IsSingleLine(text));
        Assert.Equal(multiLine, TextRules.IsMultiLine(text));
        Assert.True(TextRules.IsSingleLine(TextRules.ToSingleLine(text)));
    }

    [Fact]
    public void TextRules_LoneSurrogate_IsRefusedEverywhere()
    {
        // Built at run time: an attribute argument cannot hold a lone surrogate (it is stored as UTF-8).
        var text = "lone " + (char)0xD800 + " surrogate";

        Assert.False(TextRules.IsSingleLine(text));
        Assert.False(TextRules.IsMultiLine(text));
        Assert.True(TextRules.IsSingleLine(TextRules.ToSingleLine(text)));
    }

    private async Task<HttpResponseMessage> SendAsync(string field, string value)
    {
        var client = site.Artist;
        switch (field)
        {
            case "register.displayName":
                return await site.CreateClient().RegisterAsync($"reg-{Guid.NewGuid():N}@example.com", displayName: value);
            case "me.displayName":
                return await client.PutAsJsonAsync("/api/auth/me", new { displayName = value, bio = "" });
            case "me.bio":
                return await client.PutAsJsonAsync("/api/auth/me", new { displayName = "Hostile Tester", bio = value });
            case "track.title" or "track.artist" or "track.description":
                return await client.PutAsJsonAsync($"/api/music/tracks/{site.TrackId}",
                    new Dictionary<string, string> { [field["track.".Length..]] = value });
            case "track.tags":
                return await client.PutAsJsonAsync($"/api/music/tracks/{site.TrackId}", new { tags = new[] { "fine", value } });
            default:
                var album = new Dictionary<string, string> { ["title"] = "Album", ["artistName"] = "Band" };
                album[field["album.".Length..]] = value;
                var form = new MultipartFormDataContent();
                foreach (var (name, text) in album)
                {
                    form.Add(new StringContent(text), name);
                }
                return await client.PostAsync("/api/music/albums", form);
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(400 == (int)response.StatusCode, $"{field}: {(int)response.StatusCode} {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        var name = field[(field.IndexOf('.') + 1)..];
        Assert.True(errors.TryGetProperty(name, out var messages), $"{field}: no error for '{name}' in {body}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains("control characters", StringComparison.Ordinal));
    }
}
